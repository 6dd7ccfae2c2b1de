import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore, openSqliteDatabase } from '../../server/src/store/sqlite/sqlite-store';
import { migrate } from '../../server/src/store/sqlite/migrate';
import { MIGRATIONS } from '../../server/src/store/sqlite/migrations/index';
import { storeContract } from './store-contract';

storeContract('sqlite (:memory:)', async () => SqliteStore.open(':memory:'));

describe('sqlite migrations', () => {
  it('apply once, in order, and are recorded', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-mig-')), 'x.db');
    const db = openSqliteDatabase(file);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuse two migrations with the same version', () => {
    const db = openSqliteDatabase(':memory:');
    expect(() => migrate(db, [{ version: 99, name: 'a', up: '' }, { version: 99, name: 'b', up: '' }])).toThrow(/version 99/);
  });
});
