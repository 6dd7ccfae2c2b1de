import type * as Y from 'yjs';

/**
 * What the application tells the endpoint about its documents' content, as a module that the
 * document workers import (the documents live in other threads, so functions cannot be handed over
 * directly): the endpoint option `documentModule` is the module's URL, and it exports these names.
 */
export interface DocumentModule {
  /**
   * Checks one transaction a client's update caused, once Yjs has integrated it (the transaction's
   * inserted structs and delete set are still there to read). A reason refuses the whole update: the
   * worker drops its copy (reloaded from storage, which never held the update), nothing is relayed and
   * the sender is closed with 4422. Server-side edits are not checked.
   */
  checkTransaction?(docName: string, doc: Y.Doc, transaction: Y.Transaction): string | null;
  /**
   * Edits the server makes itself, by name (`endpoint.edit(docName, name, args)`): each runs in one
   * transaction on the live document; its change is stored, then sent to every client. What it
   * returns (structured-cloneable) is the caller's result. An edit that throws after changing the
   * document makes the worker drop its copy, so nothing half-done is ever stored or relayed.
   */
  edits?: Record<string, (doc: Y.Doc, args: unknown, docName: string) => unknown>;
}
