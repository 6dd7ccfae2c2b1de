import type Database from 'better-sqlite3';
import type { StoredDocument, YDocPersistence } from './persistence';

/**
 * Runs a synchronous write and resolves once it is committed. The default runs it at once in its own
 * transaction; a server that groups commits (one fsync for every write of an event-loop turn) passes
 * its group committer here.
 */
export type WriteRunner = <T>(write: () => T) => Promise<T>;

/** Yjs update log on SQLite (table `yjs_updates`, migration 004). */
export class SqliteYDocPersistence implements YDocPersistence {
  readonly #select: Database.Statement<[string], { seq: number; data: Buffer }>;
  readonly #append: Database.Statement<[string, Buffer, string, string], { seq: number }>;
  readonly #deleteThrough: Database.Statement<[string, number]>;
  readonly #insert: Database.Statement<[string, number, Buffer, string]>;
  readonly #write: WriteRunner;

  constructor(
    private readonly db: Database.Database,
    write?: WriteRunner,
  ) {
    this.#select = db.prepare('SELECT seq, data FROM yjs_updates WHERE doc_name = ? ORDER BY seq');
    // The next sequence number is computed inside the INSERT, so two appends can never share one.
    this.#append = db.prepare(
      `INSERT INTO yjs_updates (doc_name, seq, data, created_at)
       SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM yjs_updates WHERE doc_name = ?
       RETURNING seq`,
    );
    this.#deleteThrough = db.prepare('DELETE FROM yjs_updates WHERE doc_name = ? AND seq <= ?');
    this.#insert = db.prepare('INSERT INTO yjs_updates (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)');
    this.#write = write ?? (async (op) => db.transaction(op)());
  }

  async load(docName: string): Promise<StoredDocument> {
    const rows = this.#select.all(docName);
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.at(-1)?.seq ?? 0,
    };
  }

  append(docName: string, update: Uint8Array): Promise<number> {
    return this.#write(() => this.#append.get(docName, toBuffer(update), new Date().toISOString(), docName)!.seq);
  }

  compact(docName: string, merged: Uint8Array, throughSeq: number): Promise<void> {
    return this.#write(() => {
      this.#deleteThrough.run(docName, throughSeq);
      this.#insert.run(docName, throughSeq, toBuffer(merged), new Date().toISOString());
    });
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
