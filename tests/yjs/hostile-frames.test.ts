import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES, MemoryYDocPersistence } from '../../server/src/yjs';
import { closed, connectProvider, openRaw, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';
const grants = { mallory: { workshopId: 'w1', label: 'mallory', writable: true }, alice: { workshopId: 'w1', label: 'alice', writable: true } };

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function updateMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

const validUpdate = (() => {
  const doc = new Y.Doc();
  doc.getMap('cards').set('c', 'ok');
  return Y.encodeStateAsUpdate(doc);
})();

describe('hostile frames', () => {
  let server: TestServer;
  const persistence = new MemoryYDocPersistence();
  beforeAll(async () => {
    server = await startYjsServer({ persistence, grants });
  });
  afterAll(async () => server.close());

  /** The server still relays between honest clients, and nothing hostile reached the document. */
  async function expectServerHealthy() {
    const alice = connectProvider(server.url, BOARD, 'alice');
    const bob = connectProvider(server.url, BOARD, 'alice');
    try {
      await Promise.all([synced(alice), synced(bob)]);
      const key = `k${Date.now()}`;
      alice.doc.getMap('cards').set(key, 'honnête');
      await waitFor(() => bob.doc.getMap('cards').get(key) === 'honnête', 5000, 'the honest edit relayed');
      expect(bob.doc.getMap('cards').has('c')).toBe(false);
    } finally {
      alice.destroy();
      bob.destroy();
    }
  }

  async function sendAndExpectClose(data: Uint8Array | string, code: number) {
    const mallory = await openRaw(`${server.url}/${BOARD}?token=mallory`);
    const event = closed(mallory);
    mallory.send(data);
    expect((await event).code).toBe(code);
  }

  it('a frame over 1 MiB closes the socket with 1009 and changes nothing', async () => {
    const big = frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array(1024 * 1024));
    });
    await sendAndExpectClose(big, CLOSE_CODES.messageTooBig);
    expect(server.endpoint.stats().updatesApplied).toBe(0);
    await expectServerHealthy();
  });

  const malformed: Array<[string, Uint8Array | string]> = [
    ['an empty frame', new Uint8Array()],
    ['an unknown message type', new Uint8Array([9, 0])],
    ['a sync message cut after its type', new Uint8Array([0])],
    ['an unknown sync step', new Uint8Array([0, 7, 1, 0])],
    ['an update whose length prefix exceeds the frame', new Uint8Array([0, 2, 50, 0, 0])],
    ['an update followed by extra bytes', new Uint8Array([...updateMessage(validUpdate), 1])],
    ['a state vector with a truncated entry', new Uint8Array([0, 0, 2, 1, 200])],
    ['an auth message, which clients never send', new Uint8Array([2, 0, 1, 65])],
    ['an awareness state that is not JSON', frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, frame((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 42);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, '{not json');
      }));
    })],
  ];

  it.each(malformed)('%s is refused with 4400 and the server stays up', async (_name, data) => {
    await sendAndExpectClose(data, CLOSE_CODES.malformedMessage);
    await expectServerHealthy();
  });

  it('a text frame is refused with 1003', async () => {
    await sendAndExpectClose('{"type":"sync"}', CLOSE_CODES.unsupportedData);
  });

  it('a flood of messages is cut off with 4429', async () => {
    const mallory = await openRaw(`${server.url}/${BOARD}?token=mallory`);
    const event = closed(mallory);
    for (let i = 0; i < 1000 && mallory.readyState === mallory.OPEN; i++) mallory.send(new Uint8Array([3]));
    expect((await event).code).toBe(CLOSE_CODES.rateLimited);
    await expectServerHealthy();
  });

  it('a flood of sync requests is cut off with 4429', async () => {
    const mallory = await openRaw(`${server.url}/${BOARD}?token=mallory`);
    const event = closed(mallory);
    for (let i = 0; i < 50 && mallory.readyState === mallory.OPEN; i++) mallory.send(new Uint8Array([0, 0, 1, 0]));
    expect((await event).code).toBe(CLOSE_CODES.rateLimited);
  });
});
