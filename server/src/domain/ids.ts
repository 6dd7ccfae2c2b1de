import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe identifier (96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A random, URL-safe secret (192 bits) for tokens and capability links. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Tokens are stored hashed: a leaked database does not let anyone act as a participant. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Compares two secrets in constant time. */
export function secretsEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
