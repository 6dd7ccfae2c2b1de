import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import { PROTOCOL_VERSION } from '../../shared/protocol-version';
import { connectAndWait, createWorkshop, joinAndConnect, ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';

function refusal(socket: CroiseeSocket): Promise<{ code: string; message: string }> {
  return new Promise((resolve, reject) => {
    socket.on('connect_error', (err) => resolve((err as Error & { data: { code: string; message: string } }).data));
    socket.on('connect', () => reject(new Error('connection was accepted')));
  });
}

describe('refusals: authority, bad input, origins', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('organiser routes refuse a missing token with 401 and a wrong one with 403, as JSON', async () => {
    const missing = await fetch(`${server.url}/api/groups`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await fetch(`${server.url}/api/groups`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const right = await fetch(`${server.url}/api/groups`, { headers: { authorization: `Bearer ${ORGANISER_TOKEN}` } });
    expect(right.status).toBe(200);
  });

  it('malformed and oversized HTTP bodies get a named error', async () => {
    const headers = { authorization: `Bearer ${ORGANISER_TOKEN}`, 'content-type': 'application/json' };
    const bad = await fetch(`${server.url}/api/groups`, { method: 'POST', headers, body: '{"name": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const empty = await fetch(`${server.url}/api/groups`, { method: 'POST', headers, body: JSON.stringify({ name: '   ' }) });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/name/);
    const huge = await fetch(`${server.url}/api/groups`, { method: 'POST', headers, body: JSON.stringify({ name: 'x'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
    expect(await server.organiser.listGroups()).toEqual([]);
  });

  it('a participant token cannot do facilitator actions', async () => {
    const workshop = await createWorkshop(server);
    const p = await joinAndConnect(server, workshop.joinCode, 'concerned');
    const result = await request(p.socket, 'workshop:open', {});
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await server.services.workshops.view(workshop.id)).state).toBe('draft');
  });

  it('the facilitator secret of workshop A does not open workshop B', async () => {
    const a = await createWorkshop(server, 'Atelier A');
    const b = await createWorkshop(server, 'Atelier B');
    const socket = server.connect({ role: 'facilitator', workshopId: b.id, secret: a.facilitatorSecret });
    expect(await refusal(socket)).toMatchObject({ code: 'forbidden' });
    const projection = server.connect({ role: 'projection', workshopId: a.id, secret: a.facilitatorSecret });
    expect(await refusal(projection)).toMatchObject({ code: 'forbidden' });
  });

  it('an unknown participant token and a malformed handshake are refused', async () => {
    const unknown = server.connect({ role: 'participant', token: 'a'.repeat(32) });
    expect(await refusal(unknown)).toMatchObject({ code: 'unauthorized' });
    const malformed = io(server.url, { auth: { role: 'king' }, transports: ['websocket'], reconnection: false }) as CroiseeSocket;
    expect(await refusal(malformed)).toMatchObject({ code: 'bad_request' });
    malformed.disconnect();
    const oldClient = io(server.url, { auth: { role: 'participant', token: 'a'.repeat(32), protocol: PROTOCOL_VERSION + 1 }, transports: ['websocket'], reconnection: false }) as CroiseeSocket;
    expect(await refusal(oldClient)).toMatchObject({ code: 'protocol_mismatch' });
    oldClient.disconnect();
  });

  it('malformed and oversized socket payloads get { ok: false, code } and change nothing', async () => {
    const workshop = await createWorkshop(server);
    const { socket } = await connectAndWait(server, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    const raw = socket as unknown as { timeout: (ms: number) => { emitWithAck: (e: string, ...a: unknown[]) => Promise<unknown> } };
    expect(await raw.timeout(2000).emitWithAck('workshop:open', { unexpected: true })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await raw.timeout(2000).emitWithAck('workshop:open', 'not an object')).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await raw.timeout(2000).emitWithAck('workshop:open', { pad: 'x'.repeat(20_000) })).toMatchObject({ ok: false, code: 'payload_too_large' });
    expect((await server.services.workshops.view(workshop.id)).state).toBe('draft');
    // A frame above the transport limit closes that socket only; the server keeps serving.
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    socket.emit('workshop:open', { pad: 'x'.repeat(100_000) } as never, () => {});
    expect(await dropped).toBe('transport close');
    const health = await server.client.health();
    expect(health).toMatchObject({ ok: true, store: 'sqlite', protocol: PROTOCOL_VERSION });
  });

  it('a websocket upgrade for a path nobody serves is refused with 404 at once', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere?x=1`);
    const status = await new Promise<number>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
    ws.terminate();
  });

  it('a handshake from a foreign Origin is refused', async () => {
    const workshop = await createWorkshop(server);
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    const same = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: server.url } });
    expect(same.status).toBe(200);
    expect(workshop.id).toBeTruthy();
  });

  it('a standpoint outside the workshop set is refused', async () => {
    const workshop = await createWorkshop(server);
    await expect(server.client.join({ code: workshop.joinCode, standpoint: 'king' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('repeated facilitator events are rate limited', async () => {
    const workshop = await createWorkshop(server);
    const { socket } = await connectAndWait(server, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    const results = await Promise.all(Array.from({ length: 40 }, () => request(socket, 'workshop:open', {})));
    expect(results.filter((r) => !r.ok && r.code === 'rate_limited').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBe(1);
  });
});
