import * as authProtocol from 'y-protocols/auth';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DENIED_READ_ONLY, MemoryYDocPersistence } from '../../server/src/yjs';
import { connectProvider, startYjsServer, synced, waitFor, type Grant, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';

/** Records the permission-denied reasons a provider receives (y-websocket only logs them by default). */
function recordDenials(provider: WebsocketProvider): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => reasons.push(reason));
  };
  return reasons;
}

async function storedDoc(persistence: MemoryYDocPersistence): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await persistence.load(BOARD)).updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('a read-only client', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  async function start() {
    const persistence = new MemoryYDocPersistence();
    const grants: Record<string, Grant> = {
      alice: { workshopId: 'w1', label: 'facilitator', writable: true },
      rita: { workshopId: 'w1', label: 'reader', writable: false },
    };
    server = await startYjsServer({ persistence, grants });
    const alice = connectProvider(server.url, BOARD, 'alice');
    const rita = connectProvider(server.url, BOARD, 'rita');
    providers.push(alice, rita);
    const ritaDenied = recordDenials(rita);
    const aliceDenied = recordDenials(alice);
    await Promise.all([synced(alice), synced(rita)]);
    return { persistence, alice, rita, ritaDenied, aliceDenied };
  }

  it('receives the content but its own edits reach neither the other client nor the store', async () => {
    const { persistence, alice, rita, ritaDenied } = await start();
    alice.doc.getMap('cards').set('c1', 'Accès aux droits');
    await waitFor(() => rita.doc.getMap('cards').get('c1') === 'Accès aux droits', 5000, 'content at the reader');

    rita.doc.getMap('cards').set('r1', 'carte interdite');
    await waitFor(() => ritaDenied.includes(DENIED_READ_ONLY), 5000, 'the read-only notice');
    // A later edit from the writer makes a round trip through the server after the refused one.
    alice.doc.getMap('cards').set('c2', 'Mobilité');
    await waitFor(() => rita.doc.getMap('cards').has('c2'), 5000, 'the later edit at the reader');
    expect(alice.doc.getMap('cards').has('r1')).toBe(false);
    const stored = await storedDoc(persistence);
    expect(stored.getMap('cards').toJSON()).toEqual({ c1: 'Accès aux droits', c2: 'Mobilité' });
  });

  it('connecting with local content does not push that content to the server', async () => {
    const { persistence, alice } = await start();
    const offline = new Y.Doc();
    offline.getMap('cards').set('o1', 'écrite hors ligne');
    const late = connectProvider(server.url, BOARD, 'rita', offline);
    providers.push(late);
    await synced(late);
    alice.doc.getMap('cards').set('c3', 'après');
    await waitFor(() => late.doc.getMap('cards').has('c3'), 5000, 'the writer edit at the late reader');
    expect(alice.doc.getMap('cards').has('o1')).toBe(false);
    expect((await storedDoc(persistence)).getMap('cards').has('o1')).toBe(false);
  });

  it('a writer locked by refreshAccess is told at once and its next edits are dropped', async () => {
    const { persistence, alice, rita, aliceDenied } = await start();
    alice.doc.getMap('cards').set('before', 'avant le verrou');
    await waitFor(() => rita.doc.getMap('cards').has('before'), 5000, 'the edit before the lock');
    server.grants.get('alice')!.writable = false;
    expect(server.endpoint.refreshAccess('workshop/w1/')).toBe(1);
    await waitFor(() => aliceDenied.includes(DENIED_READ_ONLY), 5000, 'the lock notice');
    alice.doc.getMap('cards').set('after', 'après le verrou');
    // The facilitator unlocks for someone else's edit, used as a barrier.
    server.grants.get('rita')!.writable = true;
    rita.doc.getMap('cards').set('barrier', 'x');
    await waitFor(() => alice.doc.getMap('cards').has('barrier'), 5000, 'the barrier');
    expect(rita.doc.getMap('cards').has('after')).toBe(false);
    expect((await storedDoc(persistence)).getMap('cards').has('after')).toBe(false);
  });

  it('a writer unlocked after a lock catches up: the server asks it for what it is missing', async () => {
    const { alice, rita } = await start();
    server.grants.get('alice')!.writable = false;
    alice.doc.getMap('cards').set('during', 'pendant le verrou');
    await new Promise((r) => setTimeout(r, 200));
    server.grants.get('alice')!.writable = true;
    // This edit depends on the dropped one; the server holds it back and asks for the gap.
    alice.doc.getMap('cards').set('afterwards', 'après');
    await waitFor(() => rita.doc.getMap('cards').has('afterwards'), 5000, 'the later edit at the reader');
    expect(rita.doc.getMap('cards').get('during')).toBe('pendant le verrou');
  });
});
