/** Messages between the main thread and a document worker (see doc-worker.ts and doc-worker-pool.ts). */

/** One client update of a batch, tagged with its sender (the connection's id). */
export interface BatchItem {
  sender: number;
  update: Uint8Array;
}

/**
 * What became of one update of an `apply-batch` request, in the order of the request. When the batch
 * stopped early (the worker had to drop its copy of the document), the updates after the last outcome
 * were not attempted.
 */
export type UpdateOutcome =
  /** Integrated. `stateVector` is set when structs are held back, to ask the sender for what they depend on. */
  | { status: 'applied'; changed: boolean; pendingBytes: number; stateVector: Uint8Array | null; elapsedMs: number }
  /** Yjs refused it, or the document module did (see document-module.ts). */
  | { status: 'rejected'; error: string; elapsedMs: number }
  /** It took the out-of-order structs held back past `maxPendingBytes`. */
  | { status: 'too-many-pending'; pendingBytes: number; elapsedMs: number }
  /** Not attempted: an earlier update of the same sender in this batch was refused. */
  | { status: 'skipped' };

/** For a sender of a batch: the merge of what the *other* updates of the batch changed (null: nothing). */
export interface RelayExclusion {
  sender: number;
  update: Uint8Array | null;
}

export type WorkerRequest =
  | { op: 'load'; id: number; doc: string; updates: Uint8Array[] }
  /** Integrates client updates one after the other, each checked on its own. */
  | { op: 'apply-batch'; id: number; doc: string; items: BatchItem[]; maxPendingBytes: number }
  | { op: 'diff'; id: number; doc: string; stateVector: Uint8Array }
  | { op: 'state'; id: number; doc: string }
  /** Runs a named edit of the document module (see document-module.ts). */
  | { op: 'edit'; id: number; doc: string; edit: string; args: unknown }
  | { op: 'unload'; id: number; doc: string };

export interface WorkerSuccess {
  id: number;
  ok: true;
  /**
   * `apply-batch`: the merge of everything the batch changed (null when it changed nothing); `edit`:
   * what the edit changed; `diff` and `state`: the update to send.
   */
  update: Uint8Array | null;
  /** `diff`: the document's state vector, to ask for what it lacks. */
  stateVector: Uint8Array | null;
  /** Bytes of structs and deletions held back because they depend on updates not received yet. */
  pendingBytes: number;
  elapsedMs: number;
  /** The worker dropped its copy of the document (it must be reloaded before the next request). */
  dropped: boolean;
  /** `apply-batch`: one outcome per update attempted. */
  outcomes?: UpdateOutcome[];
  /** `apply-batch`: for each sender whose updates changed something, what it should be sent instead of `update`. */
  exclusions?: RelayExclusion[];
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
