import * as Y from 'yjs';
import type { YjsConnection } from './connection';
import { LiveDoc, type LiveDocDeps } from './live-doc';
import { CLOSE_CODES, type ClientMessage } from './protocol';

/**
 * The documents currently loaded. A document loads when its first connection (or server-side reader)
 * arrives and unloads, after compacting its log, when the last one leaves. A document that failed to
 * load is never served: its connections are closed with 4500 and the next arrival tries again, so an
 * empty copy can never overwrite what is stored.
 */
export class DocRegistry {
  readonly #docs = new Map<string, LiveDoc>();
  readonly #unloading = new Map<string, Promise<void>>();
  readonly #docOf = new Map<YjsConnection, LiveDoc>();

  constructor(private readonly deps: LiveDocDeps) {}

  /** Adds a connection to its document, loading the document if needed. */
  connect(connection: YjsConnection): void {
    const doc = this.#acquire(connection.docName);
    doc.connections.add(connection);
    this.#docOf.set(connection, doc);
    const refuse = () => connection.close(CLOSE_CODES.documentUnavailable, 'document-unavailable');
    doc.ready.then(() => {
      if (doc.failed) return refuse();
      const snapshot = doc.awareness.snapshotFor(connection);
      if (snapshot) connection.send(snapshot);
    }, refuse);
  }

  /** Routes a decoded message to the connection's document, once it is loaded. */
  dispatch(connection: YjsConnection, message: ClientMessage): void {
    const doc = this.#docOf.get(connection);
    if (!doc) return;
    // Messages that arrive while the document loads wait for it, in order.
    doc.ready.then(
      () => {
        if (!doc.failed) doc.handle(connection, message);
      },
      () => undefined,
    );
  }

  /** Removes a closed connection; the document unloads if it was the last user. */
  disconnect(connection: YjsConnection): void {
    const doc = this.#docOf.get(connection);
    if (!doc) return;
    this.#docOf.delete(connection);
    doc.connections.delete(connection);
    doc.awareness.leave(connection);
    this.#release(doc);
  }

  /** Connections whose document name starts with `prefix`. */
  *connectionsUnder(prefix: string): Iterable<YjsConnection> {
    for (const connection of [...this.#docOf.keys()]) if (connection.docName.startsWith(prefix)) yield connection;
  }

  /** Every open connection. */
  *allConnections(): Iterable<YjsConnection> {
    yield* [...this.#docOf.keys()];
  }

  /** A detached copy of a document's current content, loading it from storage if nobody has it open. */
  async snapshot(docName: string): Promise<Y.Doc> {
    const doc = this.#acquire(docName);
    try {
      await doc.ready;
      const state = await doc.state();
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      return copy;
    } finally {
      this.#release(doc);
    }
  }

  /** Runs a server-side edit on a document (see LiveDoc.edit), loading it if nobody has it open. */
  async edit(docName: string, editName: string, args: unknown): Promise<unknown> {
    const doc = this.#acquire(docName);
    try {
      await doc.ready;
      return await doc.edit(editName, args);
    } finally {
      this.#release(doc);
    }
  }

  /** Waits until every released document has unloaded. */
  async drain(): Promise<void> {
    while (this.#unloading.size > 0) await Promise.all(this.#unloading.values());
  }

  stats(): { documents: number; connections: number; storedBytes: number } {
    let connections = 0;
    let storedBytes = 0;
    for (const doc of this.#docs.values()) {
      connections += doc.connections.size;
      storedBytes += doc.storedBytes;
    }
    return { documents: this.#docs.size, connections, storedBytes };
  }

  #acquire(name: string): LiveDoc {
    // A failed document stays here until its last holder leaves (its unloading must finish before a
    // fresh copy loads); meanwhile new connections are refused with 4500 and retry later.
    let doc = this.#docs.get(name);
    if (!doc) {
      const created = new LiveDoc(name, this.deps);
      const previous = this.#unloading.get(name) ?? Promise.resolve();
      created.ready = previous.then(() => created.load());
      created.ready.catch((error: unknown) => {
        this.deps.logger.error('yjs: loading a document failed', { doc: name, error });
        if (this.#docs.get(name) === created) this.#docs.delete(name);
        created.fail();
      });
      this.#docs.set(name, created);
      doc = created;
    }
    doc.holders++;
    return doc;
  }

  #release(doc: LiveDoc): void {
    if (--doc.holders > 0) return;
    if (this.#docs.get(doc.name) === doc) this.#docs.delete(doc.name);
    const unloading = doc.ready
      .then(
        () => doc.unload(),
        () => undefined,
      )
      .catch((error: unknown) => this.deps.logger.warn('yjs: unloading a document failed', { doc: doc.name, error }))
      .finally(() => {
        if (this.#unloading.get(doc.name) === unloading) this.#unloading.delete(doc.name);
      });
    this.#unloading.set(doc.name, unloading);
  }
}
