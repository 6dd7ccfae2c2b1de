import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, MemoryYDocPersistence } from '../../server/src/yjs';
import { closed, connectProvider, openRaw, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const grants = {
  mallory: { workshopId: 'wa', label: 'mallory', writable: true },
  honest: { workshopId: 'wb', label: 'honest', writable: true },
};
const DOC_A = 'workshop/wa/board';
const DOC_B = 'workshop/wb/board';

/** `[sync, update, payload]` as a raw frame. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function build(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/**
 * A well-formed attack: one long text item, then a delete set of 100,000 one-character ranges inside
 * it. Each range splits the item, and each split shifts the whole struct array: Yjs 13.6 needs about
 * 40 s for the second update on its own thread.
 */
function splittingAttack(): { insert: Uint8Array; deletes: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = 5;
  doc.getText('t').insert(0, 'x'.repeat(600_000));
  const insert = Y.encodeStateAsUpdate(doc);
  const ranges = 100_000;
  const deletes = build((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 5);
    encoding.writeVarUint(e, ranges);
    for (let i = 0; i < ranges; i++) {
      encoding.writeVarUint(e, (ranges - i) * 2);
      encoding.writeVarUint(e, 1);
    }
  });
  return { insert, deletes };
}

describe('an update crafted to stall Yjs', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  async function honestEditsDuringAttack(workers: number) {
    server = await startYjsServer({
      persistence: new MemoryYDocPersistence(),
      grants,
      limits: { workers, workerTimeoutMs: 1000 },
    });
    const mallory = await openRaw(`${server.url}/${DOC_A}?token=mallory`);
    const writer = connectProvider(server.url, DOC_B, 'honest');
    const reader = connectProvider(server.url, DOC_B, 'honest');
    providers.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const attack = splittingAttack();
    const malloryClosed = closed(mallory, 15_000);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    reader.doc.getMap('cards').observe((event) => {
      for (const key of event.keysChanged) latencies.push(Date.now() - sentAt.get(Number(key))!);
    });
    mallory.send(updateFrame(attack.insert));
    mallory.send(updateFrame(attack.deletes));
    const edits = 40;
    for (let i = 0; i < edits; i++) {
      sentAt.set(i, Date.now());
      writer.doc.getMap('cards').set(String(i), `carte ${i}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const closeEvent = await malloryClosed;
    await waitFor(() => reader.doc.getMap('cards').size === edits, 10_000, 'every honest edit at the reader');
    delay.disable();
    return { closeEvent, latencies, maxDelayMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6 };
  }

  it('is cut off while edits on another document keep flowing and the event loop stays responsive', async () => {
    const { closeEvent, latencies, maxDelayMs, p99DelayMs } = await honestEditsDuringAttack(2);
    expect(closeEvent.code).toBe(CLOSE_CODES.updateRejected);
    expect(server.endpoint.stats().workersReplaced).toBeGreaterThanOrEqual(1);
    // Document B lives on the other worker: its edits never wait for the stalled one's 1 s limit.
    expect(Math.max(...latencies)).toBeLessThan(1000);
    // Unguarded, this update blocks the event loop for about 40 s. Here the loop is never blocked for
    // as long as the worker's 1 s limit; measured p99 20-85 ms, max 25-235 ms on a two-core machine
    // busy with other test runs, the same as without the attack under that load.
    expect(p99DelayMs).toBeLessThan(500);
    expect(maxDelayMs).toBeLessThan(1000);
    console.info(`event-loop delay during the attack: p99 ${p99DelayMs.toFixed(1)} ms, max ${maxDelayMs.toFixed(1)} ms`);
  }, 30_000);

  it('delays edits on a document sharing the stalled worker by about the time limit only', async () => {
    const { closeEvent, latencies, maxDelayMs } = await honestEditsDuringAttack(1);
    expect(closeEvent.code).toBe(CLOSE_CODES.updateRejected);
    // Edits queued behind the attack wait for the 1 s limit, then for a fresh worker to start and
    // reload B (about 2-5 s in all on a busy machine; unguarded they would wait about 40 s).
    expect(Math.max(...latencies)).toBeLessThan(8000);
    expect(maxDelayMs).toBeLessThan(1000);
  }, 30_000);

  it('leaves nothing of the attack in storage', async () => {
    const persistence = new MemoryYDocPersistence();
    server = await startYjsServer({ persistence, grants, limits: { workerTimeoutMs: 1000 } });
    const mallory = await openRaw(`${server.url}/${DOC_A}?token=mallory`);
    const attack = splittingAttack();
    const malloryClosed = closed(mallory, 15_000);
    mallory.send(updateFrame(attack.insert));
    mallory.send(updateFrame(attack.deletes));
    expect((await malloryClosed).code).toBe(CLOSE_CODES.updateRejected);
    const check = connectProvider(server.url, DOC_A, 'mallory');
    providers.push(check);
    await synced(check);
    // The long text (accepted) is there, untouched by the refused deletions.
    expect(check.doc.getText('t').length).toBe(600_000);
  }, 30_000);
});

describe('an update that exhausts the memory of its worker', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('is refused with 4422, stores nothing, and the document is served again by a fresh worker', async () => {
    const persistence = new MemoryYDocPersistence();
    const MiB = 1024 * 1024;
    server = await startYjsServer({
      persistence,
      grants,
      limits: { workerHeapMb: 32, maxMessageBytes: 4 * MiB, updateBytesBurst: 8 * MiB, maxDocumentBytes: 8 * MiB },
    });
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 150_000; i++) doc.getMap('m').set(i.toString(36), i);
    });
    const mallory = await openRaw(`${server.url}/${DOC_A}?token=mallory`);
    const event = closed(mallory, 15_000);
    mallory.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    expect((await event).code).toBe(CLOSE_CODES.updateRejected);
    expect(server.endpoint.stats().workersReplaced).toBeGreaterThanOrEqual(1);
    expect((await persistence.load(DOC_A)).updates).toEqual([]);
    const honest = connectProvider(server.url, DOC_A, 'mallory');
    try {
      await synced(honest);
      expect(honest.doc.getMap('m').size).toBe(0);
    } finally {
      honest.destroy();
    }
  }, 30_000);
});

describe('structurally hostile updates', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const cases: Array<[string, Uint8Array]> = [
    ['garbage bytes (yjs #479)', Buffer.from('garbagedoc', 'base64')],
    ['an empty update (yjs #498)', new Uint8Array()],
    ['a struct count far beyond the bytes sent', build((e) => [1, 0xffffffff, 7, 0].forEach((n) => encoding.writeVarUint(e, n)))],
    ['a deletion range past 2^48', build((e) => [0, 1, 5, 1, 0, 2 ** 50].forEach((n) => encoding.writeVarUint(e, n)))],
    [
      'a value nested 1,000 arrays deep',
      build((e) => {
        [1, 1, 9, 0].forEach((n) => encoding.writeVarUint(e, n));
        encoding.writeUint8(e, 8);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'm');
        encoding.writeVarUint(e, 1);
        for (let i = 0; i < 1000; i++) [117, 1].forEach((b) => encoding.writeUint8(e, b));
        encoding.writeUint8(e, 126);
        encoding.writeVarUint(e, 0);
      }),
    ],
    ['a valid update followed by trailing bytes', new Uint8Array([...Y.encodeStateAsUpdate(textDoc('salut')), 0, 0])],
    ['a truncated update', Y.encodeStateAsUpdate(textDoc('bonjour à tous')).slice(0, -3)],
  ];

  it.each(cases)('%s is refused with 4400 before it reaches a worker', async (_name, update) => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
    const mallory = await openRaw(`${server.url}/${DOC_A}?token=mallory`);
    const event = closed(mallory);
    mallory.send(updateFrame(update));
    expect((await event).code).toBe(CLOSE_CODES.malformedMessage);
    expect(server.endpoint.stats()).toMatchObject({ updatesApplied: 0, workersReplaced: 0 });
  });
});

function textDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}
