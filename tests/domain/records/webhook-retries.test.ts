import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelay, signatureOf } from '../../../server/src/domain/records/webhook-dispatcher';

describe('webhook signature', () => {
  it('is the lowercase hex HMAC-SHA256 of the raw body, prefixed with sha256=', () => {
    // RFC 4231-style known answer: HMAC-SHA256(key = "key", "The quick brown fox jumps over the lazy dog").
    expect(signatureOf('key', 'The quick brown fox jumps over the lazy dog')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('signs the UTF-8 bytes, so a string and its bytes sign the same', () => {
    const body = JSON.stringify({ summary: 'Accès aux droits — « élu·e »' });
    expect(signatureOf('secret', body)).toBe(signatureOf('secret', Buffer.from(body, 'utf8')));
  });
});

describe('webhook retries', () => {
  it('wait 30 s, 1 min, 2 min… doubling, never more than an hour, 8 attempts in all by default', () => {
    const waits = Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, i) => retryDelay(i + 1, DEFAULT_RETRY_POLICY));
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect(retryDelay(20, DEFAULT_RETRY_POLICY)).toBe(3_600_000);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
  });
});
