import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryYDocPersistence } from '../../server/src/yjs';
import { openRaw, startYjsServer, waitFor, type TestServer } from './yjs-test-server';

const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('an idle connection', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('is sent an empty awareness frame when it has been sent nothing for the keepalive period', async () => {
    // y-websocket's provider drops a connection on which it hears nothing for 30 s.
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants, limits: { keepaliveMs: 300 } });
    const idle = await openRaw(`${server.url}/workshop/w1/board?token=alice`);
    await waitFor(() => idle.received.length >= 2, 3000, 'two keepalive frames');
    for (const frame of idle.received) {
      const d = decoding.createDecoder(new Uint8Array(frame));
      expect(decoding.readVarUint(d)).toBe(1);
      expect([...decoding.readVarUint8Array(d)]).toEqual([0]);
    }
    idle.close();
  });
});
