import type { Migration } from '../migrate';

/**
 * Yjs documents (boards, proposals) as an append-only log of updates per document. `seq` orders a
 * document's updates; compaction replaces a prefix of the log by one merged update that keeps the
 * sequence number of the last update it absorbed.
 */
export const migration004: Migration = {
  version: 4,
  name: 'yjs-documents',
  up: `
    CREATE TABLE yjs_updates (
      doc_name TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (doc_name, seq)
    );
  `,
};
