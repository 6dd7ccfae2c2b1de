/** Messages between the main thread and a document worker (see doc-worker.ts and doc-worker-pool.ts). */

export type WorkerRequest =
  | { op: 'load'; id: number; doc: string; updates: Uint8Array[] }
  | { op: 'apply'; id: number; doc: string; update: Uint8Array }
  | { op: 'diff'; id: number; doc: string; stateVector: Uint8Array }
  | { op: 'state'; id: number; doc: string }
  /** Runs a named edit of the document module (see document-module.ts). */
  | { op: 'edit'; id: number; doc: string; edit: string; args: unknown }
  | { op: 'unload'; id: number; doc: string };

export interface WorkerSuccess {
  id: number;
  ok: true;
  /** `apply`: what the update changed (null when it changed nothing); `diff` and `state`: the update to send. */
  update: Uint8Array | null;
  /** `diff`, and `apply` when structs are pending: the document's state vector, to ask for what it lacks. */
  stateVector: Uint8Array | null;
  /** Bytes of structs and deletions held back because they depend on updates not received yet. */
  pendingBytes: number;
  elapsedMs: number;
  /** `edit`: what the edit returned. */
  result?: unknown;
}

export interface WorkerFailure {
  id: number;
  ok: false;
  error: string;
  /** The document was changed before the failure, so the worker dropped it; it must be reloaded. */
  dropped: boolean;
  elapsedMs: number;
}

export type WorkerReply = WorkerSuccess | WorkerFailure;
