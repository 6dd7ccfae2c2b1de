import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { MemoryYDocPersistence } from '../../server/src/yjs';
import { openRaw, startYjsServer, upgradeStatus, waitFor, type TestServer } from './yjs-test-server';

const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('the upgrade request', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function start(allowedOrigins?: string[]) {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants, allowedOrigins });
    return server;
  }

  it('is refused with 401 and a JSON body when it carries no token', async () => {
    const { url } = await start();
    const answer = await upgradeStatus(`${url}/workshop/w1/board`);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('is refused with 401 when its token is unknown', async () => {
    const { url } = await start();
    expect((await upgradeStatus(`${url}/workshop/w1/board?token=forged`)).status).toBe(401);
  });

  it("is refused with 404 for another workshop's document", async () => {
    const { url } = await start();
    const answer = await upgradeStatus(`${url}/workshop/w2/board?token=alice`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).code).toBe('not_found');
  });

  it('is refused with 400 for a document name outside the naming scheme', async () => {
    const { url } = await start();
    for (const name of ['workshop/w.1/board', 'workshop/w1/proposal/', 'workshop/w1/board/extra', 'workshop/w%31/board', `workshop/${'x'.repeat(65)}/board`, '']) {
      expect((await upgradeStatus(`${url}/${name}?token=alice`)).status, name).toBe(400);
    }
  });

  it('is refused with 403 from an origin that is not allowed, and accepted from one that is', async () => {
    const { url } = await start(['https://croisee.example']);
    expect((await upgradeStatus(`${url}/workshop/w1/board?token=alice`, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await upgradeStatus(`${url}/workshop/w1/board?token=alice`, { Origin: 'https://croisee.example' })).status).toBe(101);
  });

  it('is accepted with a valid token for a proposal of its workshop', async () => {
    const { url } = await start();
    expect((await upgradeStatus(`${url}/workshop/w1/proposal/p-7?token=alice`)).status).toBe(101);
    expect(server.endpoint.stats().upgradesRefused).toBe(0);
  });

  it('is left to other handlers when its path is outside the prefix', async () => {
    const { port } = await start();
    const other = new WebSocketServer({ noServer: true });
    server.server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/socket.io/')) other.handleUpgrade(req, socket, head, (ws) => ws.send('hello from the other handler'));
    });
    const ws = await openRaw(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    await waitFor(() => ws.received.length === 1, 5000, 'the greeting');
    expect(String(ws.received[0])).toBe('hello from the other handler');
    ws.close();
    other.close();
  });

  it('answers 503 when authentication fails, and logs the request with its token redacted', async () => {
    const { url } = await start();
    const answer = await upgradeStatus(`${url}/workshop/w1/board?token=auth-backend-down`);
    expect(answer.status).toBe(503);
    const logs = server.logs.join('\n');
    expect(logs).toContain('token=[redacted]');
    expect(logs).not.toContain('auth-backend-down');
  });
});
