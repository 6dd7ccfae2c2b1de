import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migration004 } from '../../server/src/store/sqlite/migrations/004-yjs-documents';

/** A temporary SQLite file with the Yjs migration applied; `reopen` opens it again, `remove` deletes it. */
export function tempYjsDatabase(): { path: string; db: Database.Database; reopen(): Database.Database; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'croisee-yjs-'));
  const path = join(dir, 'croisee.db');
  const db = open(path);
  db.exec(migration004.up);
  return {
    path,
    db,
    reopen: () => open(path),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function open(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return db;
}
