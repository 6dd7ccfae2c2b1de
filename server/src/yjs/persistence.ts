/**
 * Storage port of the Yjs endpoint: an append-only log of updates per document, compacted now and
 * then into one merged update. The endpoint appends every update before relaying it, so an update
 * another client has seen is always stored.
 */

/** What is stored for one document. */
export interface StoredDocument {
  /** The stored updates, oldest first (a compacted snapshot, if any, comes first). */
  updates: Uint8Array[];
  /** Sequence number of the newest stored update (0 when nothing is stored). */
  lastSeq: number;
}

export interface YDocPersistence {
  /** Everything stored for a document; an unknown document has no updates. Rejects if storage fails. */
  load(docName: string): Promise<StoredDocument>;
  /** Appends one update; resolves with its sequence number once it is durable. */
  append(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Replaces every update with a sequence number up to `throughSeq` by `merged` (which must contain
   * them all). Updates appended after `throughSeq` stay and still apply after it.
   */
  compact(docName: string, merged: Uint8Array, throughSeq: number): Promise<void>;
}

/** Keeps documents in memory: for tests and for running without a database. */
export class MemoryYDocPersistence implements YDocPersistence {
  readonly #docs = new Map<string, Array<{ seq: number; update: Uint8Array }>>();

  async load(docName: string): Promise<StoredDocument> {
    const rows = this.#docs.get(docName) ?? [];
    return { updates: rows.map((r) => r.update.slice()), lastSeq: rows.at(-1)?.seq ?? 0 };
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    const rows = this.#docs.get(docName) ?? [];
    const seq = (rows.at(-1)?.seq ?? 0) + 1;
    rows.push({ seq, update: update.slice() });
    this.#docs.set(docName, rows);
    return seq;
  }

  async compact(docName: string, merged: Uint8Array, throughSeq: number): Promise<void> {
    const kept = (this.#docs.get(docName) ?? []).filter((r) => r.seq > throughSeq);
    this.#docs.set(docName, [{ seq: throughSeq, update: merged.slice() }, ...kept]);
  }
}
