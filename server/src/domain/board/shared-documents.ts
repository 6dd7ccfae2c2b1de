import * as Y from 'yjs';
import { CroiseeError } from '../../../../shared/errors';
import { documentEdits } from './board-doc-edits';

/**
 * Port to the shared Yjs documents (boards, proposals). The Yjs endpoint implements it on the live
 * documents (edits are stored, then sent to every client); `MemorySharedDocuments` implements it in
 * memory, with the same edits, for domain tests.
 */
export interface SharedDocuments {
  /** Runs a named edit of `board-doc-edits.ts` on the live document; resolves with its result. */
  edit(docName: string, editName: string, args: unknown): Promise<unknown>;
  /** Runs `read` on a copy of the document's current content. */
  read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
}

/** Documents held in memory: each edit runs in one transaction, one at a time per document. */
export class MemorySharedDocuments implements SharedDocuments {
  readonly #docs = new Map<string, Y.Doc>();

  /** The live document (tests read or change it as a client would). */
  doc(docName: string): Y.Doc {
    let doc = this.#docs.get(docName);
    if (!doc) {
      doc = new Y.Doc();
      this.#docs.set(docName, doc);
    }
    return doc;
  }

  async edit(docName: string, editName: string, args: unknown): Promise<unknown> {
    const run = documentEdits[editName];
    if (!run) throw new Error(`unknown edit: ${editName}`);
    const doc = this.doc(docName);
    let result: unknown;
    doc.transact(() => {
      result = run(doc, args);
    });
    return structuredClone(result);
  }

  async read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc(docName)));
    try {
      return read(copy);
    } finally {
      copy.destroy();
    }
  }
}

/**
 * Stands for the documents until the server has attached its Yjs endpoint (services are created
 * before the HTTP server exists). Used before that, it answers `board_unavailable`.
 */
export class SharedDocumentsLink implements SharedDocuments {
  #target: SharedDocuments | null = null;

  bind(target: SharedDocuments): void {
    this.#target = target;
  }

  #require(): SharedDocuments {
    if (!this.#target) throw new CroiseeError('board_unavailable', 'Le tableau n’est pas disponible pour le moment.');
    return this.#target;
  }

  async edit(docName: string, editName: string, args: unknown): Promise<unknown> {
    return this.#require().edit(docName, editName, args);
  }

  async read<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    return this.#require().read(docName, read);
  }
}
