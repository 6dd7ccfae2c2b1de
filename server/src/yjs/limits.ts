/** Every limit of the Yjs endpoint; docs/YJS.md explains each. */
export interface YjsLimits {
  /** Largest WebSocket frame; a bigger one closes the socket with 1009. */
  maxMessageBytes: number;
  /** Largest stored size of a document; updates beyond are refused with a `document-too-large` message. */
  maxDocumentBytes: number;
  /** Largest awareness state (its JSON, in UTF-8 bytes); a bigger one closes the socket with 4413. */
  maxAwarenessStateBytes: number;
  /** Awareness entries in one message. */
  maxAwarenessEntries: number;
  /** Awareness client ids one connection may speak for. */
  maxAwarenessClientsPerConnection: number;
  /** Awareness changes of a document are sent at most once per this many milliseconds. */
  awarenessFlushMs: number;
  /** Messages a connection may send: burst and sustained rate per second. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Update bytes a connection may send: burst and sustained rate per second. */
  updateBytesBurst: number;
  updateBytesPerSecond: number;
  /** Sync requests (state vectors) a connection may send: each one costs a full diff. */
  syncRequestBurst: number;
  syncRequestsPerSecond: number;
  /** Worker time a connection's updates may use: burst and sustained milliseconds per second. */
  workerMsBurst: number;
  workerMsPerSecond: number;
  /** Bytes of out-of-order updates a document may hold while waiting for what they depend on. */
  maxPendingBytes: number;
  /** Bytes queued for a slow client before it is disconnected (1013). */
  maxBufferedBytes: number;
  /** A connection that has been sent nothing for this long receives a keepalive frame. */
  keepaliveMs: number;
  /**
   * A batch of client updates that opens on an idle document waits this long for more to join it
   * before going to the worker (0: it goes at once; updates that arrive while the document is busy
   * join the waiting batch anyway).
   */
  updateBatchWindowMs: number;
  /** Document worker threads. */
  workers: number;
  /** Longest one update or sync request may run in a worker before the worker is replaced. */
  workerTimeoutMs: number;
  /** Longest loading a document into a worker may take. */
  workerLoadTimeoutMs: number;
  /** Heap limit of each document worker. */
  workerHeapMb: number;
  /** The stored log is compacted into one update past this many updates... */
  compactAfterUpdates: number;
  /** ...or past this many bytes of updates since the last compaction. */
  compactAfterBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: YjsLimits = {
  maxMessageBytes: MiB,
  maxDocumentBytes: 5 * MiB,
  maxAwarenessStateBytes: 4096,
  maxAwarenessEntries: 8,
  maxAwarenessClientsPerConnection: 4,
  awarenessFlushMs: 100,
  messageBurst: 300,
  messagesPerSecond: 100,
  updateBytesBurst: 4 * MiB,
  updateBytesPerSecond: 512 * 1024,
  syncRequestBurst: 10,
  syncRequestsPerSecond: 1,
  workerMsBurst: 3000,
  workerMsPerSecond: 200,
  maxPendingBytes: MiB,
  maxBufferedBytes: 16 * MiB,
  keepaliveMs: 15_000,
  updateBatchWindowMs: 10,
  workers: 2,
  workerTimeoutMs: 2000,
  workerLoadTimeoutMs: 10_000,
  workerHeapMb: 512,
  compactAfterUpdates: 500,
  compactAfterBytes: MiB,
};
