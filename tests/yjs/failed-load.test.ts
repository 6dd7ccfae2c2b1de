import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, SqliteYDocPersistence } from '../../server/src/yjs';
import { tempYjsDatabase } from './sqlite-helpers';
import { closed, connectProvider, openRaw, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';
const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('a document that cannot be loaded', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  const temp = tempYjsDatabase();
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  it('refuses connections with 4500 and never replaces the stored document by an empty one', async () => {
    const persistence = new SqliteYDocPersistence(temp.db);
    const seed = new Y.Doc();
    seed.getMap('cards').set('c1', 'déjà là');
    await persistence.append(BOARD, Y.encodeStateAsUpdate(seed));
    server = await startYjsServer({ persistence, grants });

    // Storage breaks: every read of the update log fails.
    temp.db.exec('ALTER TABLE yjs_updates RENAME TO yjs_updates_away');
    const raw = await openRaw(`${server.url}/${BOARD}?token=alice`);
    expect((await closed(raw)).code).toBe(CLOSE_CODES.documentUnavailable);
    await expect(server.endpoint.getDoc(BOARD)).rejects.toThrow();

    const provider = connectProvider(server.url, BOARD, 'alice');
    providers.push(provider);
    const closeCodes: number[] = [];
    provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    await waitFor(() => closeCodes.includes(CLOSE_CODES.documentUnavailable), 5000, 'the provider refused');
    expect(provider.synced).toBe(false);

    // Storage comes back: the provider's own retries now load the real document.
    temp.db.exec('ALTER TABLE yjs_updates_away RENAME TO yjs_updates');
    await synced(provider, 10_000);
    expect(provider.doc.getMap('cards').get('c1')).toBe('déjà là');
    const rows = temp.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc_name = ?').get(BOARD) as { n: number };
    expect(rows.n).toBe(1);
  });
});
