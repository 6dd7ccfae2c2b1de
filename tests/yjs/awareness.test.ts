import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE_CODES, MemoryYDocPersistence } from '../../server/src/yjs';
import { closed, connectProvider, openRaw, startYjsServer, synced, waitFor, type RawClient, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';
const grants = {
  alice: { workshopId: 'w1', label: 'alice', writable: true },
  mallory: { workshopId: 'w1', label: 'mallory', writable: true },
};

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** The awareness entries (client id, state) in the frames a raw client received; keepalives have none. */
function awarenessEntries(client: RawClient): Array<{ frame: number; clientId: number; state: unknown }> {
  const entries: Array<{ frame: number; clientId: number; state: unknown }> = [];
  client.received.forEach((data, frame) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 1) return;
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(inner);
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(inner);
      decoding.readVarUint(inner);
      entries.push({ frame, clientId, state: JSON.parse(decoding.readVarString(inner)) });
    }
  });
  return entries;
}

describe('awareness', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  const raws: RawClient[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    for (const r of raws.splice(0)) r.terminate();
    await server?.close();
  });

  async function start() {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
  }
  async function raw(token = 'alice'): Promise<RawClient> {
    const client = await openRaw(`${server.url}/${BOARD}?token=${token}`);
    raws.push(client);
    return client;
  }

  it('shows each provider the others’ cursors and removes them when they leave', async () => {
    await start();
    const alice = connectProvider(server.url, BOARD, 'alice');
    const bob = connectProvider(server.url, BOARD, 'alice');
    providers.push(alice, bob);
    await Promise.all([synced(alice), synced(bob)]);
    alice.awareness.setLocalStateField('user', { name: 'Aline', color: '#c33' });
    await waitFor(() => (bob.awareness.getStates().get(alice.doc.clientID) as { user?: { name: string } })?.user?.name === 'Aline');
    alice.destroy();
    await waitFor(() => !bob.awareness.getStates().has(alice.doc.clientID), 5000, 'the departure');
  });

  it('a state over 4 KiB closes its sender with 4413 and is never shown to others', async () => {
    await start();
    const watcher = await raw();
    const sender = await raw();
    const event = closed(sender);
    sender.send(awarenessFrame(77, 1, { user: { name: 'x'.repeat(5000) } }));
    expect(await event).toEqual({ code: CLOSE_CODES.tooLarge, reason: 'awareness-state-too-large' });
    await new Promise((r) => setTimeout(r, 300));
    expect(awarenessEntries(watcher).filter((e) => e.clientId === 77)).toEqual([]);
  });

  it('is not echoed to its sender, and a silent client receives others only', async () => {
    await start();
    const silent = await raw();
    const sender = await raw();
    sender.send(awarenessFrame(11, 1, { user: { name: 'Sam' } }));
    await waitFor(() => awarenessEntries(silent).some((e) => e.clientId === 11), 5000, 'the state at the silent client');
    await new Promise((r) => setTimeout(r, 300));
    expect(awarenessEntries(sender)).toEqual([]);
  });

  it('coalesces a burst of cursor moves into at most ten frames a second', async () => {
    await start();
    const watcher = await raw();
    const mover = await raw();
    const started = Date.now();
    for (let clock = 1; clock <= 100; clock++) {
      mover.send(awarenessFrame(21, clock, { cursor: clock }));
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(() => awarenessEntries(watcher).some((e) => (e.state as { cursor: number }).cursor === 100), 5000, 'the last position');
    const seconds = (Date.now() - started) / 1000;
    const frames = new Set(awarenessEntries(watcher).map((e) => e.frame)).size;
    // Relayed one by one, the 100 moves would arrive as 100 frames.
    expect(frames).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
  });

  it("ignores another principal's states for a client id, but lets the same principal take it over", async () => {
    await start();
    const watcher = await raw();
    const owner = await raw('alice');
    const impostor = await raw('mallory');
    owner.send(awarenessFrame(31, 5, { user: { name: 'Vraie' } }));
    await waitFor(() => awarenessEntries(watcher).some((e) => e.clientId === 31), 5000, 'the owner state');
    impostor.send(awarenessFrame(31, 6, { user: { name: 'Fausse' } }));
    await new Promise((r) => setTimeout(r, 300));
    const reconnected = await raw('alice');
    reconnected.send(awarenessFrame(31, 7, { user: { name: 'Vraie, reconnectée' } }));
    await waitFor(() => awarenessEntries(watcher).filter((e) => e.clientId === 31).length === 2, 5000, 'the takeover');
    expect(awarenessEntries(watcher).filter((e) => e.clientId === 31).map((e) => e.state)).toEqual([
      { user: { name: 'Vraie' } },
      { user: { name: 'Vraie, reconnectée' } },
    ]);
    // The old connection leaving does not remove the state its successor now speaks for.
    owner.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(awarenessEntries(watcher).filter((e) => e.clientId === 31)).toHaveLength(2);
  });
});
