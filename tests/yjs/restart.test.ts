import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteYDocPersistence } from '../../server/src/yjs';
import { tempYjsDatabase } from './sqlite-helpers';
import { connectProvider, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';
const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true } };

describe('a board stored in SQLite', () => {
  const providers: WebsocketProvider[] = [];
  const servers: TestServer[] = [];
  const temp = tempYjsDatabase();
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    for (const s of servers.splice(0)) await s.close();
  });

  it('survives closing the endpoint and reopening it on the same file, compacted', async () => {
    const first = await startYjsServer({
      persistence: new SqliteYDocPersistence(temp.db),
      grants,
      limits: { compactAfterUpdates: 10 },
    });
    servers.push(first);
    const writer = connectProvider(first.url, BOARD, 'alice');
    providers.push(writer);
    await synced(writer);
    const cards = writer.doc.getMap<string>('cards');
    for (let i = 0; i < 25; i++) cards.set(`c${i}`, `carte ${i}`);
    const column = new Y.Array<string>();
    writer.doc.getMap('columns').set('themes', column);
    column.push(['Logement', 'Emploi']);
    await waitFor(() => first.endpoint.stats().updatesApplied >= 27, 5000, 'every update stored');
    writer.destroy();
    await first.close();
    temp.db.close();

    const db = temp.reopen();
    const rows = db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc_name = ?').get(BOARD) as { n: number };
    // The log was compacted while editing and again when the last client left.
    expect(rows.n).toBe(1);
    const second = await startYjsServer({ persistence: new SqliteYDocPersistence(db), grants });
    servers.push(second);
    const reader = connectProvider(second.url, BOARD, 'alice');
    providers.push(reader);
    await synced(reader);
    expect(reader.doc.getMap('cards').size).toBe(25);
    expect(reader.doc.getMap('cards').get('c24')).toBe('carte 24');
    expect((reader.doc.getMap('columns').get('themes') as Y.Array<string>).toArray()).toEqual(['Logement', 'Emploi']);
    reader.destroy();
    await second.close();
    db.close();
    temp.remove();
  }, 60_000);
});
