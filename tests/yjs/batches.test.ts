import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES, MemoryYDocPersistence } from '../../server/src/yjs';
import { closed, connectProvider, openRaw, startYjsServer, synced, waitFor, type RawClient, type TestServer } from './yjs-test-server';

const DOC = 'workshop/wa/board';
const MODULE = new URL('./batch-document-module.ts', import.meta.url);
const STALL_MS = 600;

const grant = (label: string) => ({ workshopId: 'wa', label, writable: true });
const grants = { ana: grant('ana'), bruno: grant('bruno'), chloe: grant('chloe'), mallory: grant('mallory'), watcher: grant('watcher') };

/** Counts the appends, to tell how many batches were stored. */
class CountingPersistence extends MemoryYDocPersistence {
  appends = 0;
  override append(docName: string, update: Uint8Array): Promise<number> {
    this.appends++;
    return super.append(docName, update);
  }
}

/** `[sync, update, payload]` as a raw frame. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** The updates a raw client was relayed (sync messages of type update), in order. */
function relayedUpdates(client: RawClient): Uint8Array[] {
  return client.received.flatMap((frame) => {
    const d = decoding.createDecoder(new Uint8Array(frame));
    if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 2) return [];
    return [decoding.readVarUint8Array(d)];
  });
}

/** The card keys a list of updates sets. */
function cardsIn(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return [...doc.getMap('cards').keys()].sort();
}

/** An update that sets one card, from its own client. */
function cardUpdate(key: string, clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap('cards').set(key, `carte ${key}`);
  return Y.encodeStateAsUpdate(doc);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('client updates queued behind a slow operation', () => {
  let server: TestServer;
  const open: RawClient[] = [];
  afterEach(async () => {
    for (const ws of open.splice(0)) ws.close();
    await server?.close();
  });

  async function connect(...tokens: string[]): Promise<RawClient[]> {
    const clients = await Promise.all(tokens.map((token) => openRaw(`${server.url}/${DOC}?token=${token}`)));
    open.push(...clients);
    return clients;
  }

  /** Starts an edit that keeps the document's worker busy, and lets it reach the worker; `done` settles when it ends. */
  async function stall(ms = STALL_MS): Promise<{ done: Promise<unknown> }> {
    const done = server.endpoint.edit(DOC, 'stall', { ms });
    await pause(100);
    return { done };
  }

  it('are integrated in one batch: stored once, one frame per client, nobody sent their own edit, and everyone converges', async () => {
    const persistence = new CountingPersistence();
    server = await startYjsServer({ persistence, grants, documentModule: MODULE });
    const [ana, bruno, chloe, watcher] = await connect('ana', 'bruno', 'chloe', 'watcher');
    const stalled = (await stall()).done;
    ana!.send(updateFrame(cardUpdate('a', 1)));
    bruno!.send(updateFrame(cardUpdate('b', 2)));
    chloe!.send(updateFrame(cardUpdate('c', 3)));
    await stalled;
    await waitFor(() => relayedUpdates(watcher!).length > 0 && server.endpoint.stats().updatesApplied === 3, 5000, 'the batch relayed');
    await pause(200);

    expect(persistence.appends).toBe(1);
    expect(relayedUpdates(watcher!)).toHaveLength(1);
    expect(cardsIn(relayedUpdates(watcher!))).toEqual(['a', 'b', 'c']);
    // Each sender gets one frame with the others' edits, not its own.
    for (const [client, others] of [
      [ana!, ['b', 'c']],
      [bruno!, ['a', 'c']],
      [chloe!, ['a', 'b']],
    ] as const) {
      expect(relayedUpdates(client)).toHaveLength(1);
      expect(cardsIn(relayedUpdates(client))).toEqual(others);
    }
    const late = connectProvider(server.url, DOC, 'watcher');
    try {
      await synced(late);
      expect([...late.doc.getMap('cards').keys()].sort()).toEqual(['a', 'b', 'c']);
    } finally {
      late.destroy();
    }
    expect(cardsIn((await persistence.load(DOC)).updates)).toEqual(['a', 'b', 'c']);
  }, 20_000);

  it('from real providers converge, each client seeing every other edit once', async () => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants, documentModule: MODULE });
    const providers = ['ana', 'bruno', 'chloe'].map((token) => connectProvider(server.url, DOC, token));
    try {
      await Promise.all(providers.map((p) => synced(p)));
      const stalled = (await stall()).done;
      providers.forEach((p, i) => {
        for (let k = 0; k < 5; k++) p.doc.getMap('cards').set(`${i}-${k}`, k);
      });
      await stalled;
      await waitFor(() => providers.every((p) => p.doc.getMap('cards').size === 15), 5000, 'every edit everywhere');
      const states = providers.map((p) => JSON.stringify(Object.entries(p.doc.getMap('cards').toJSON()).sort()));
      expect(new Set(states).size).toBe(1);
    } finally {
      for (const p of providers) p.destroy();
    }
  }, 20_000);

  it('with a refused update among them: only its sender is closed, the honest updates are stored and relayed', async () => {
    const persistence = new CountingPersistence();
    server = await startYjsServer({ persistence, grants, documentModule: MODULE });
    const [ana, mallory, bruno, watcher] = await connect('ana', 'mallory', 'bruno', 'watcher');
    const malloryClosed = closed(mallory!);
    const stalled = (await stall()).done;
    const malloryDoc = new Y.Doc();
    malloryDoc.clientID = 66;
    malloryDoc.getMap('cards').set('forbidden', 'x');
    const refused = Y.encodeStateAsUpdate(malloryDoc);
    const before = Y.encodeStateVector(malloryDoc);
    malloryDoc.getMap('cards').set('m', 'y');
    ana!.send(updateFrame(cardUpdate('a', 1)));
    mallory!.send(updateFrame(refused));
    // Built on the refused one, so dropped with it.
    mallory!.send(updateFrame(Y.encodeStateAsUpdate(malloryDoc, before)));
    bruno!.send(updateFrame(cardUpdate('b', 2)));
    await stalled;

    expect(await malloryClosed).toEqual({ code: CLOSE_CODES.updateRejected, reason: 'update-rejected' });
    await waitFor(() => cardsIn(relayedUpdates(watcher!)).length === 2, 5000, 'the honest updates relayed');
    await pause(200);
    expect(cardsIn(relayedUpdates(watcher!))).toEqual(['a', 'b']);
    expect(cardsIn(relayedUpdates(ana!))).toEqual(['b']);
    expect(cardsIn(relayedUpdates(bruno!))).toEqual(['a']);
    expect(ana!.readyState).toBe(ana!.OPEN);
    expect(bruno!.readyState).toBe(bruno!.OPEN);
    expect(cardsIn((await persistence.load(DOC)).updates)).toEqual(['a', 'b']);
    expect(server.endpoint.stats()).toMatchObject({ updatesApplied: 2, updatesRejected: 1 });
  }, 20_000);

  it('with an update that stalls the worker among them: the batch is applied again one at a time and only its sender is closed', async () => {
    const persistence = new MemoryYDocPersistence();
    server = await startYjsServer({ persistence, grants, documentModule: MODULE, limits: { workerTimeoutMs: 1000 } });
    const [ana, mallory, bruno, watcher] = await connect('ana', 'mallory', 'bruno', 'watcher');
    // One long text item, then (in the batch) 50,000 deletion ranges that each split it: about 10 s of
    // Yjs work, far past the 1 s limit.
    const text = new Y.Doc();
    text.clientID = 5;
    text.getText('t').insert(0, 'x'.repeat(300_000));
    mallory!.send(updateFrame(Y.encodeStateAsUpdate(text)));
    await waitFor(() => server.endpoint.stats().updatesApplied === 1, 5000, 'the long text stored');
    const ranges = 50_000;
    const e = encoding.createEncoder();
    [0, 1, 5, ranges].forEach((n) => encoding.writeVarUint(e, n));
    for (let i = 0; i < ranges; i++) [(ranges - i) * 2, 1].forEach((n) => encoding.writeVarUint(e, n));
    const malloryClosed = closed(mallory!, 15_000);

    const stalled = (await stall(500)).done;
    ana!.send(updateFrame(cardUpdate('a', 1)));
    mallory!.send(updateFrame(encoding.toUint8Array(e)));
    bruno!.send(updateFrame(cardUpdate('b', 2)));
    await stalled;

    expect((await malloryClosed).code).toBe(CLOSE_CODES.updateRejected);
    await waitFor(() => cardsIn(relayedUpdates(watcher!)).length === 2, 10_000, 'the honest updates relayed');
    expect(cardsIn(relayedUpdates(watcher!))).toEqual(['a', 'b']);
    expect(ana!.readyState).toBe(ana!.OPEN);
    expect(bruno!.readyState).toBe(bruno!.OPEN);
    // The batch and then the culprit alone each cost a worker.
    expect(server.endpoint.stats().workersReplaced).toBe(2);
    const stored = new Y.Doc();
    for (const update of (await persistence.load(DOC)).updates) Y.applyUpdate(stored, update);
    expect([...stored.getMap('cards').keys()].sort()).toEqual(['a', 'b']);
    expect(stored.getText('t').length).toBe(300_000);
  }, 30_000);

  it('from a writer locked while they wait are dropped, the others applied', async () => {
    const persistence = new CountingPersistence();
    server = await startYjsServer({ persistence, grants, documentModule: MODULE });
    const [ana, bruno, watcher] = await connect('ana', 'bruno', 'watcher');
    const stalled = (await stall()).done;
    ana!.send(updateFrame(cardUpdate('a', 1)));
    bruno!.send(updateFrame(cardUpdate('b', 2)));
    await pause(100);
    // The facilitator locks Bruno out while his update waits in the batch.
    server.grants.get('bruno')!.writable = false;
    await stalled;
    await waitFor(() => relayedUpdates(watcher!).length === 1, 5000, 'the batch relayed');
    await pause(200);
    expect(cardsIn(relayedUpdates(watcher!))).toEqual(['a']);
    expect(relayedUpdates(ana!)).toEqual([]);
    expect(cardsIn((await persistence.load(DOC)).updates)).toEqual(['a']);
    // Bruno is told, not closed.
    const denied = bruno!.received.some((frame) => frame[0] === 2 && frame.toString('latin1').includes('read-only'));
    expect(denied).toBe(true);
    expect(bruno!.readyState).toBe(bruno!.OPEN);
  }, 20_000);
});
