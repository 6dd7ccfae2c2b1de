import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/client/croisee-client';
import { recordEntrySchema } from '../../shared/schemas/records';
import type { RecordWebhookPayload } from '../../shared/views-records';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { joinAll, liveWorkshop, ok } from './records-helpers';

interface Received {
  at: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

/** A webhook receiver on loopback that answers each request with the next status of `statuses` (the last one repeats), or never answers. */
async function receiver(statuses: Array<number | 'hang'>) {
  const requests: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ at: Date.now(), headers: req.headers, raw: Buffer.concat(chunks) });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
      if (status === 'hang') hanging.push(res);
      else res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/croisee`,
    requests,
    close: () => {
      for (const res of hanging) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a receiver does: the HMAC of the raw bytes, compared in constant time. */
function signatureIsValid(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return typeof header === 'string' && header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

describe('the group webhook', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function setUp(statuses: Array<number | 'hang'>, options: { dbFile?: string } = {}) {
    const hook = await receiver(statuses);
    const server = await startTestServer(options.dbFile ? { dbFile: options.dbFile } : {});
    cleanups.push(() => hook.close(), () => server.close());
    const session = await liveWorkshop(server);
    await joinAll(server, session.workshop.joinCode, ['concerned', 'concerned', 'concerned']);
    const { secret } = await server.organiser.setWebhook(session.group.id, hook.url);
    return { hook, server, session, secret };
  }

  it('receives each new version as JSON with a correct HMAC-SHA256 signature of the raw body', async () => {
    const { hook, server, session, secret } = await setUp([204]);
    await server.organiser.pushRecord(session.workshop.id, { summary: 'Résumé envoyé au partenaire' });
    await eventually(() => hook.requests.length === 1, 10_000, 'one delivery');
    const request = hook.requests[0]!;
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['x-croisee-event']).toBe('record.entry.created');
    expect(signatureIsValid(secret, request.raw, request.headers['x-croisee-signature'])).toBe(true);
    expect(signatureIsValid('another-secret-0123456789', request.raw, request.headers['x-croisee-signature'])).toBe(false);
    const payload = JSON.parse(request.raw.toString('utf8')) as RecordWebhookPayload;
    expect(payload.event).toBe('record.entry.created');
    expect(payload.deliveryId).toBe(request.headers['x-croisee-delivery']);
    expect(recordEntrySchema.safeParse(payload.entry).success).toBe(true);
    expect(payload.entry.summary).toBe('Résumé envoyé au partenaire');
    expect(payload.entry.attendance.total).toBe(3);
    await eventually(async () => (await server.organiser.webhookDeliveries(session.group.id))[0]?.status === 'delivered', 5_000, 'delivered');
    const [delivery] = await server.organiser.webhookDeliveries(session.group.id);
    expect(delivery).toMatchObject({ id: payload.deliveryId, version: 1, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null, nextAttemptAt: null });
  });

  it('shows the secret only when the webhook is set, never when it is read', async () => {
    const { server, session, secret } = await setUp([204]);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const read = await server.organiser.getWebhook(session.group.id);
    expect(JSON.stringify(read)).not.toContain(secret);
    expect(read?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/croisee$/);
  });

  it('retries a failing receiver with growing waits, then records the delivery as failed with its last error', async () => {
    const { hook, server, session } = await setUp([500]);
    server.services.records.setRetryPolicy({ baseDelayMs: 100, maxAttempts: 3 });
    await server.organiser.pushRecord(session.workshop.id);
    await eventually(async () => (await server.organiser.webhookDeliveries(session.group.id))[0]?.status === 'failed', 10_000, 'failed delivery');
    expect(hook.requests).toHaveLength(3);
    const [a, b, c] = hook.requests.map((r) => r.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(90);
    expect(c - b).toBeGreaterThanOrEqual(190);
    const [delivery] = await server.organiser.webhookDeliveries(session.group.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500, lastError: 'réponse HTTP 500', nextAttemptAt: null });
    const ids = new Set(hook.requests.map((r) => r.headers['x-croisee-delivery']));
    expect(ids.size).toBe(1);
  });

  it('delivers after failures once the receiver answers, and never holds up the workshop', async () => {
    const { hook, server, session } = await setUp(['hang', 503, 200]);
    server.services.records.setRetryPolicy({ baseDelayMs: 50, maxAttempts: 5, timeoutMs: 3_000 });
    await ok(session.facilitator, 'record:push', { summary: 'pendant que le receveur ne répond pas' });
    await eventually(() => hook.requests.length === 1, 5_000, 'the first attempt, left hanging');
    // The receiver holds the first attempt: the close is answered all the same.
    await ok(session.facilitator, 'workshop:close', {});
    expect((await server.organiser.webhookDeliveries(session.group.id)).find((d) => d.version === 1)?.attempts).toBe(0);
    expect(hook.requests).toHaveLength(1);
    await eventually(async () => (await server.organiser.webhookDeliveries(session.group.id)).filter((d) => d.status === 'delivered').length === 2, 10_000, 'both versions delivered');
    const deliveries = await server.organiser.webhookDeliveries(session.group.id);
    const first = deliveries.find((d) => d.version === 1)!;
    expect(first.attempts).toBeGreaterThanOrEqual(2);
    expect(hook.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('delivers to one group while another group’s receiver hangs', async () => {
    const slow = await setUp(['hang']);
    slow.server.services.records.setRetryPolicy({ timeoutMs: 8_000 });
    const fast = await receiver([204]);
    cleanups.push(() => fast.close());
    const other = await liveWorkshop(slow.server, { title: 'Atelier d’un autre groupe' });
    await slow.server.organiser.setWebhook(other.group.id, fast.url);
    await slow.server.organiser.pushRecord(slow.session.workshop.id);
    await eventually(() => slow.hook.requests.length === 1, 5_000, 'the hanging attempt');
    await slow.server.organiser.pushRecord(other.workshop.id);
    await eventually(() => fast.requests.length === 1, 5_000, 'the other group’s delivery');
    expect((await slow.server.organiser.webhookDeliveries(slow.session.group.id))[0]?.attempts).toBe(0);
  });

  it('keeps pending deliveries across a restart and sends them from the new process', async () => {
    const first = await setUp([204]);
    await first.server.services.records.stop();
    await first.server.organiser.pushRecord(first.session.workshop.id, { summary: 'envoyé avant l’arrêt' });
    expect((await first.server.organiser.webhookDeliveries(first.session.group.id))[0]?.status).toBe('pending');
    expect(first.hook.requests).toHaveLength(0);
    await first.server.close();
    const restarted = await startTestServer({ dbFile: first.server.dbFile });
    cleanups.push(() => restarted.close());
    await eventually(() => first.hook.requests.length === 1, 10_000, 'the delivery after the restart');
    expect(signatureIsValid(first.secret, first.hook.requests[0]!.raw, first.hook.requests[0]!.headers['x-croisee-signature'])).toBe(true);
    await eventually(async () => (await restarted.organiser.webhookDeliveries(first.session.group.id))[0]?.status === 'delivered', 5_000, 'delivered');
  });

  it('fails the pending deliveries of a removed webhook', async () => {
    const { hook, server, session } = await setUp([500]);
    server.services.records.setRetryPolicy({ baseDelayMs: 60_000 });
    await server.organiser.pushRecord(session.workshop.id);
    await eventually(() => hook.requests.length === 1, 10_000, 'first attempt');
    await eventually(async () => (await server.organiser.webhookDeliveries(session.group.id))[0]?.attempts === 1, 5_000, 'attempt recorded');
    await server.organiser.removeWebhook(session.group.id);
    const [delivery] = await server.organiser.webhookDeliveries(session.group.id);
    expect(delivery?.status).toBe('failed');
    expect(delivery?.lastError).toMatch(/^webhook retiré/);
    expect(await server.organiser.getWebhook(session.group.id)).toBeNull();
  });

  it('refuses addresses that are not http or https, or that carry credentials', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const group = await server.organiser.createGroup({ name: 'Développement du pouvoir d’agir' });
    for (const url of ['ftp://example.org/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'pas une adresse', 'https://user:mdp@example.org/hook', 'ws://example.org/hook']) {
      const error = await server.organiser.setWebhook(group.id, url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(ApiError);
      expect((error as ApiError).code, url).toBe('bad_request');
    }
    expect(await server.organiser.getWebhook(group.id)).toBeNull();
    const facilitatorless = await server.client.setWebhook(group.id, 'https://example.org/hook').catch((e: ApiError) => e.status);
    expect(facilitatorless).toBe(401);
  });
});
