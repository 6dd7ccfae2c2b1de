import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import type { DocumentModule } from './document-module';
import type { BatchItem, RelayExclusion, UpdateOutcome, WorkerReply, WorkerRequest, WorkerSuccess } from './doc-worker-messages';

/**
 * Runs inside a worker thread and holds the Y.Docs assigned to it. Every Yjs operation on a document
 * (loading, applying a client's update, answering a sync request) happens here, so a costly or
 * never-ending update stalls this thread only; the pool on the main thread times it out and replaces
 * the worker. Requests arrive one at a time; one request may carry several client updates of a
 * document (`apply-batch`), integrated one after the other, each checked on its own.
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
    reply = { id: request.id, ok: true, update: null, stateVector: null, pendingBytes: 0, elapsedMs: 0, dropped: false, ...handle(request) };
  } catch (error) {
    // A batch that failed as a whole may have integrated some of its updates: its copy cannot be trusted.
    if (request.op === 'apply-batch') dropDoc(request.doc);
    const dropped = (request.op === 'apply-batch' || request.op === 'edit') && !docs.has(request.doc);
    reply = { id: request.id, ok: false, error: describe(error), dropped, elapsedMs: 0 };
  }
  reply.elapsedMs = performance.now() - started;
  port.postMessage(reply, reply.ok ? transferable(reply) : []);
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
    case 'apply-batch':
      return applyBatch(loaded(request.doc), request.doc, request.items, request.maxPendingBytes);
    case 'diff': {
      const doc = loaded(request.doc);
      return { update: Y.encodeStateAsUpdate(doc, request.stateVector), stateVector: Y.encodeStateVector(doc) };
    }
    case 'state':
      return { update: Y.encodeStateAsUpdate(loaded(request.doc)) };
    case 'edit':
      return edit(loaded(request.doc), request.doc, request.edit, request.args);
    case 'unload':
      dropDoc(request.doc);
      return {};
  }
}

/**
 * Integrates the updates of a batch in order. An update Yjs or the document module refuses is reported
 * and the batch goes on, unless it changed the document before failing: then this copy no longer
 * matches what will be stored, so it is dropped and the rest of the batch is left unattempted (the
 * main thread sends it again once the document is reloaded). The same happens to an update that
 * takes the structs held back past `maxPendingBytes`. Later updates of a refused sender are skipped:
 * they build on the refused one.
 */
function applyBatch(doc: Y.Doc, name: string, items: BatchItem[], maxPendingBytes: number): Partial<WorkerSuccess> {
  const outcomes: UpdateOutcome[] = [];
  const changesOf: Uint8Array[][] = [];
  const refused = new Set<number>();
  let dropped = false;
  for (const item of items) {
    if (refused.has(item.sender)) {
      outcomes.push({ status: 'skipped' });
      changesOf.push([]);
      continue;
    }
    const started = performance.now();
    const changes: Uint8Array[] = [];
    try {
      integrate(doc, name, item.update, changes);
    } catch (error) {
      refused.add(item.sender);
      outcomes.push({ status: 'rejected', error: describe(error), elapsedMs: performance.now() - started });
      if (changes.length === 0) {
        changesOf.push([]);
        continue;
      }
      // Yjs may have integrated part of the update before throwing.
      dropped = true;
      break;
    }
    const pending = pendingBytes(doc);
    if (pending > maxPendingBytes) {
      // Out-of-order updates would pile up in memory without ever being stored: drop them all.
      refused.add(item.sender);
      outcomes.push({ status: 'too-many-pending', pendingBytes: pending, elapsedMs: performance.now() - started });
      dropped = true;
      break;
    }
    // With structs held back, the sender is asked for what they depend on: it needs the state vector.
    const stateVector = pending > 0 ? Y.encodeStateVector(doc) : null;
    outcomes.push({ status: 'applied', changed: changes.length > 0, pendingBytes: pending, stateVector, elapsedMs: performance.now() - started });
    changesOf.push(changes);
  }
  if (dropped) dropDoc(name);
  const all = changesOf.flat();
  return {
    update: merge(all),
    pendingBytes: dropped ? 0 : pendingBytes(doc),
    dropped,
    outcomes,
    exclusions: exclusions(items, changesOf),
  };
}

/** Applies one update, collecting what it changed into `changes`; throws if Yjs or the document module refuses it. */
function integrate(doc: Y.Doc, name: string, update: Uint8Array, changes: Uint8Array[]): void {
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
  } finally {
    doc.off('update', collect);
    if (check) doc.off('afterTransaction', inspect);
  }
}

/**
 * What each sender of the batch is sent instead of the whole merge: the merge of the other senders'
 * changes, so that nobody receives their own update back. Only senders whose updates changed
 * something are listed; with a single such sender, it is sent nothing.
 */
function exclusions(items: BatchItem[], changesOf: Uint8Array[][]): RelayExclusion[] {
  const senders = new Set<number>();
  changesOf.forEach((changes, i) => {
    if (changes.length > 0) senders.add(items[i]!.sender);
  });
  return [...senders].map((sender) => ({
    sender,
    update: merge(changesOf.flatMap((changes, i) => (items[i]!.sender === sender ? [] : changes))),
  }));
}

function merge(changes: Uint8Array[]): Uint8Array | null {
  return changes.length === 0 ? null : changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
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
  return { update: merge(changes), result };
}

function dropDoc(name: string): void {
  docs.get(name)?.destroy();
  docs.delete(name);
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

/** Buffers of a reply that can be moved rather than copied: only those a view covers whole (never a pooled one), each once. */
function transferable(reply: WorkerSuccess): ArrayBuffer[] {
  const views = [reply.update, reply.stateVector, ...(reply.exclusions ?? []).map((e) => e.update), ...(reply.outcomes ?? []).map((o) => ('stateVector' in o ? o.stateVector : null))];
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) {
    if (v && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  }
  return [...buffers];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

port.postMessage({ ready: true });
