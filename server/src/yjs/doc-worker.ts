import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import type { DocumentModule } from './document-module';
import type { WorkerReply, WorkerRequest, WorkerSuccess } from './doc-worker-messages';

/**
 * Runs inside a worker thread and holds the Y.Docs assigned to it. Every Yjs operation on a document
 * (loading, applying a client's update, answering a sync request) happens here, so a costly or
 * never-ending update stalls this thread only; the pool on the main thread times it out and replaces
 * the worker. Requests arrive one at a time.
 */

const docs = new Map<string, Y.Doc>();
const port = parentPort;
if (!port) throw new Error('doc-worker must run in a worker thread');
const moduleUrl = (workerData as { documentModule?: string } | null)?.documentModule;
const documentModule: DocumentModule = moduleUrl ? ((await import(moduleUrl)) as DocumentModule) : {};

port.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, update: null, stateVector: null, pendingBytes: 0, elapsedMs: 0, ...handle(request) };
  } catch (error) {
    const dropped = (request.op === 'apply' || request.op === 'edit') && !docs.has(request.doc);
    reply = { id: request.id, ok: false, error: describe(error), dropped, elapsedMs: 0 };
  }
  reply.elapsedMs = performance.now() - started;
  port.postMessage(reply, reply.ok ? transferable(reply.update, reply.stateVector) : []);
});

function handle(request: WorkerRequest): Partial<WorkerSuccess> {
  switch (request.op) {
    case 'load': {
      docs.get(request.doc)?.destroy();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const update of request.updates) Y.applyUpdate(doc, update);
      });
      docs.set(request.doc, doc);
      return { pendingBytes: pendingBytes(doc) };
    }
    case 'apply':
      return apply(loaded(request.doc), request.doc, request.update);
    case 'diff': {
      const doc = loaded(request.doc);
      return { update: Y.encodeStateAsUpdate(doc, request.stateVector), stateVector: Y.encodeStateVector(doc) };
    }
    case 'state':
      return { update: Y.encodeStateAsUpdate(loaded(request.doc)) };
    case 'edit':
      return edit(loaded(request.doc), request.doc, request.edit, request.args);
    case 'unload':
      docs.get(request.doc)?.destroy();
      docs.delete(request.doc);
      return {};
  }
}

function apply(doc: Y.Doc, name: string, update: Uint8Array): Partial<WorkerSuccess> {
  const changes: Uint8Array[] = [];
  const collect = (change: Uint8Array) => changes.push(change);
  const refusals: string[] = [];
  const check = documentModule.checkTransaction;
  const inspect = (transaction: Y.Transaction) => {
    try {
      const reason = check!(name, doc, transaction);
      if (reason) refusals.push(reason);
    } catch (error) {
      refusals.push(describe(error));
    }
  };
  doc.on('update', collect);
  if (check) doc.on('afterTransaction', inspect);
  try {
    Y.applyUpdate(doc, update);
    if (refusals.length > 0) throw new Error(`refused: ${refusals[0]}`);
  } catch (error) {
    // Yjs may have integrated part of the update before throwing: this copy no longer matches what is
    // stored, so it is dropped and will be reloaded from storage.
    if (changes.length > 0) {
      doc.destroy();
      docs.delete(name);
    }
    throw error;
  } finally {
    doc.off('update', collect);
    if (check) doc.off('afterTransaction', inspect);
  }
  const merged = changes.length === 0 ? null : changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  const pending = pendingBytes(doc);
  // With structs held back, the sender is asked for what they depend on: it needs the state vector.
  return { update: merged, pendingBytes: pending, stateVector: pending > 0 ? Y.encodeStateVector(doc) : null };
}

function edit(doc: Y.Doc, name: string, editName: string, args: unknown): Partial<WorkerSuccess> {
  const run = documentModule.edits?.[editName];
  if (!run) throw new Error(`unknown edit: ${editName}`);
  const changes: Uint8Array[] = [];
  const collect = (change: Uint8Array) => changes.push(change);
  let result: unknown;
  doc.on('update', collect);
  try {
    doc.transact(() => {
      result = run(doc, args, name);
    });
  } catch (error) {
    // Whatever the edit changed before throwing is in this copy only: drop it, as for an update.
    if (changes.length > 0) {
      doc.destroy();
      docs.delete(name);
    }
    throw error;
  } finally {
    doc.off('update', collect);
  }
  return { update: changes.length === 0 ? null : changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes), result };
}

function pendingBytes(doc: Y.Doc): number {
  const store = doc.store;
  return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
}

function loaded(name: string): Y.Doc {
  const doc = docs.get(name);
  if (!doc) throw new Error('document not loaded');
  return doc;
}

/** Buffers that can be moved rather than copied: only those a view covers whole (never a pooled one). */
function transferable(...views: Array<Uint8Array | null>): ArrayBuffer[] {
  return views.flatMap((v) =>
    v && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer ? [v.buffer] : [],
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

port.postMessage({ ready: true });
