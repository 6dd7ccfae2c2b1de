import * as authProtocol from 'y-protocols/auth';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, DENIED_DOCUMENT_TOO_LARGE, MemoryYDocPersistence } from '../../server/src/yjs';
import { connectProvider, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const PROPOSAL = 'workshop/w1/proposal/p1';
const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('the document size limit', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  it('refuses an update that would take the document past the limit, tells and disconnects its sender, and stores nothing of it', async () => {
    const persistence = new MemoryYDocPersistence();
    server = await startYjsServer({ persistence, grants, limits: { maxDocumentBytes: 20_000 } });
    const alice = connectProvider(server.url, PROPOSAL, 'alice');
    const bob = connectProvider(server.url, PROPOSAL, 'alice');
    providers.push(alice, bob);
    const denied: string[] = [];
    alice.messageHandlers[2] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, alice.doc, (_doc, reason) => denied.push(reason));
    };
    const closes: Array<{ code: number; reason: string }> = [];
    alice.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason });
    });
    await Promise.all([synced(alice), synced(bob)]);
    const text = alice.doc.getText('body');
    text.insert(0, 'a'.repeat(15_000));
    await waitFor(() => bob.doc.getText('body').length === 15_000, 5000, 'the first part at bob');
    text.insert(15_000, 'b'.repeat(10_000));
    await waitFor(() => denied.includes(DENIED_DOCUMENT_TOO_LARGE), 5000, 'the refusal');
    await waitFor(() => closes.length > 0, 5000, 'the disconnection');
    expect(closes[0]).toEqual({ code: CLOSE_CODES.tooLarge, reason: DENIED_DOCUMENT_TOO_LARGE });
    // Others may still make small edits.
    bob.doc.getText('body').insert(0, 'fin');
    await waitFor(() => server.endpoint.stats().updatesApplied === 2, 5000, 'the small edit stored');
    expect(bob.doc.getText('body').toString()).not.toContain('b');
    const stored = new Y.Doc();
    for (const update of (await persistence.load(PROPOSAL)).updates) Y.applyUpdate(stored, update);
    expect(stored.getText('body').toString()).toBe('fin' + 'a'.repeat(15_000));
  });
});
