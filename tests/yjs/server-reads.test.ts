import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MemoryYDocPersistence } from '../../server/src/yjs';
import { connectProvider, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const PROPOSAL = 'workshop/w1/proposal/p1';
const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('the server reading a document', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  it('reads the live text while people edit it', async () => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
    const alice = connectProvider(server.url, PROPOSAL, 'alice');
    providers.push(alice);
    await synced(alice);
    alice.doc.getText('body').insert(0, 'Un guichet unique pour les aides.');
    await waitFor(() => server.endpoint.stats().updatesApplied === 1, 5000, 'the edit stored');
    const text = await server.endpoint.withDoc(PROPOSAL, (doc) => doc.getText('body').toString());
    expect(text).toBe('Un guichet unique pour les aides.');
  });

  it('reads a document nobody has open from storage, then unloads it', async () => {
    const persistence = new MemoryYDocPersistence();
    const source = new Y.Doc();
    source.getText('body').insert(0, 'Texte adopté.');
    await persistence.append(PROPOSAL, Y.encodeStateAsUpdate(source));
    server = await startYjsServer({ persistence, grants });
    const doc = await server.endpoint.getDoc(PROPOSAL);
    expect(doc.getText('body').toString()).toBe('Texte adopté.');
    await waitFor(() => server.endpoint.stats().documents === 0, 5000, 'the document unloaded');
    // The copy is detached: changing it changes nothing stored.
    doc.getText('body').insert(0, 'X');
    expect((await server.endpoint.getDoc(PROPOSAL)).getText('body').toString()).toBe('Texte adopté.');
  });

  it('refuses a name outside the naming scheme', async () => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
    await expect(server.endpoint.getDoc('../secrets')).rejects.toThrow(/invalid document name/);
  });
});
