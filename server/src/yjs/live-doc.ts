import type { Logger } from '../logger';
import { AwarenessRelay } from './awareness-relay';
import type { YjsConnection } from './connection';
import type { UpdateOutcome, WorkerSuccess } from './doc-worker-messages';
import { GuardError, type DocWorkerPool } from './doc-worker-pool';
import type { YjsLimits } from './limits';
import type { YDocPersistence } from './persistence';
import {
  CLOSE_CODES,
  DENIED_DOCUMENT_TOO_LARGE,
  DENIED_READ_ONLY,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
} from './protocol';
import { isEmptyUpdate } from './update-format';

export interface LiveDocDeps {
  pool: DocWorkerPool;
  persistence: YDocPersistence;
  limits: YjsLimits;
  logger: Logger;
  counters: { applied: number; rejected: number };
}

/** A client update waiting for its turn. */
interface QueuedUpdate {
  connection: YjsConnection;
  update: Uint8Array;
}

/**
 * Most updates, and most bytes of updates, integrated in one worker request. The worker's time limit
 * applies to the whole request; honest updates of this size take well under a millisecond each.
 */
const MAX_BATCH_UPDATES = 64;
const MAX_BATCH_BYTES = 256 * 1024;

/**
 * One loaded document and its connections. Everything that touches the document's content runs in
 * order, one operation at a time (`enqueue`), so storage, the worker's copy and what clients were sent
 * never disagree.
 *
 * Client updates are batched: an update that arrives while the previous operations run joins the batch
 * waiting behind them (unless another kind of operation was queued since, which would then overtake
 * it), and the whole batch is integrated by one worker request. A batch that opens on an idle document
 * waits `updateBatchWindowMs` for others to join it. Each update of a batch is still checked
 * on its own: write access and the document size when the batch starts, then by Yjs, the document
 * module and the limit on held-back structs in the worker; a refused update closes its own sender
 * only. A batch whose worker was killed (time or memory limit) or failed as a whole is applied again
 * one update at a time, so that only the culprit is refused.
 *
 * Persistence: a batch's changes are merged into one update, appended to storage *before* they are
 * relayed. The next batch does not wait for that append: appends overlap (a store that groups commits
 * writes them with one fsync) while relays follow in order, each once its own append is done; whatever
 * sends content to a client (a sync answer, a server read, a compaction) or reloads the worker's copy
 * from storage first waits for every append under way. So an update any client has received is
 * stored, and a crash loses at most the batches whose append had not finished — the clients that sent
 * them still hold them and send them again when they reconnect (sync step 2).
 *
 * Relay: each batch is one frame per connection. A connection that sent none of the batch's updates
 * gets the merge of all their changes; one that sent some gets the merge of the others' changes only
 * (nothing if there are none), never its own edits back.
 */
export class LiveDoc {
  readonly connections = new Set<YjsConnection>();
  readonly awareness: AwarenessRelay;
  /** Connections plus server-side readers currently using the document. */
  holders = 0;
  /** Resolves once the document is loaded; rejects if it could not be. */
  ready: Promise<void> = Promise.resolve();
  #chain: Promise<unknown> = Promise.resolve();
  /** The batch of client updates queued last, while it has not started: later updates join it. */
  #openBatch: QueuedUpdate[] | null = null;
  #openBatchBytes = 0;
  /** Appends under way, each followed by its relay, in order. */
  #stored: Promise<void> = Promise.resolve();
  #storedBytes = 0;
  #logCount = 0;
  #logBytes = 0;
  #lastSeq = 0;
  #failed = false;

  constructor(
    readonly name: string,
    private readonly deps: LiveDocDeps,
  ) {
    this.awareness = new AwarenessRelay(() => this.connections, {
      flushMs: deps.limits.awarenessFlushMs,
      maxClientsPerPeer: deps.limits.maxAwarenessClientsPerConnection,
    });
  }

  /** Loads the document from storage into a worker. */
  async load(): Promise<void> {
    const { persistence, pool } = this.deps;
    const stored = await persistence.load(this.name);
    this.#storedBytes = stored.updates.reduce((sum, u) => sum + u.length, 0);
    this.#logCount = stored.updates.length;
    this.#logBytes = this.#storedBytes;
    this.#lastSeq = stored.lastSeq;
    const reload = async () => {
      // A reload must see every update already integrated, hence every append under way.
      await this.#stored;
      return (await persistence.load(this.name)).updates;
    };
    await pool.open(this.name, reload, stored.updates);
  }

  /** Runs `op` after every operation queued before it (client updates queued later run after it too). */
  enqueue<T>(op: () => Promise<T>): Promise<T> {
    this.#openBatch = null;
    const run = this.#chain.then(op);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  get failed(): boolean {
    return this.#failed;
  }

  get storedBytes(): number {
    return this.#storedBytes;
  }

  /** Handles one decoded message from a connection of this document. */
  handle(connection: YjsConnection, message: ClientMessage): void {
    switch (message.kind) {
      case 'awareness':
        // A message that waited for the load may belong to a connection that has left since.
        if (!connection.closed) this.awareness.receive(connection, message.entries);
        return;
      case 'query-awareness': {
        const snapshot = this.awareness.snapshotFor(connection);
        if (snapshot) connection.send(snapshot);
        return;
      }
      case 'sync-step-1':
        void this.enqueue(() => this.#answerSyncRequest(connection, message.stateVector));
        return;
      case 'sync-step-2':
      case 'update':
        this.#queueUpdate(connection, message.update);
        return;
    }
  }

  /** The whole document as one update (for server-side readers). */
  state(): Promise<Uint8Array> {
    return this.enqueue(async () => {
      await this.#stored;
      if (this.#failed) throw new Error(`document ${this.name} is unavailable`);
      return (await this.deps.pool.state(this.name)).update ?? new Uint8Array([0, 0]);
    });
  }

  /**
   * Runs a server-side edit (a named edit of the document module) after every operation queued before
   * it. Its change is stored, then sent to every connection, like a client's update; resolves with
   * the edit's result. Rejects, storing and sending nothing, when the edit fails or would take the
   * document past its size limit.
   */
  edit(editName: string, args: unknown): Promise<unknown> {
    return this.enqueue(async () => {
      await this.#stored;
      if (this.#failed) throw new Error(`document ${this.name} is unavailable`);
      const { pool, persistence, limits } = this.deps;
      const outcome = await pool.edit(this.name, editName, args);
      const update = outcome.update;
      if (!update) return outcome.result;
      if (this.#storedBytes + update.length > limits.maxDocumentBytes) {
        await pool.reset(this.name);
        throw new Error(DENIED_DOCUMENT_TOO_LARGE);
      }
      try {
        this.#lastSeq = await persistence.append(this.name, update);
      } catch (error) {
        await pool.reset(this.name);
        this.fail();
        throw error;
      }
      this.deps.counters.applied++;
      this.#storedBytes += update.length;
      this.#logCount++;
      this.#logBytes += update.length;
      const relayed = encodeUpdate(update);
      for (const connection of this.connections) connection.send(relayed);
      if (this.#logCount > limits.compactAfterUpdates || this.#logBytes > limits.compactAfterBytes) await this.#compact();
      return outcome.result;
    });
  }

  /** Compacts the log if anything was appended since the last compaction, then unloads the worker's copy. */
  unload(): Promise<void> {
    this.awareness.flush();
    this.awareness.dispose();
    return this.enqueue(async () => {
      await this.#stored;
      if (!this.#failed && this.#logCount > 1) await this.#compact();
      await this.deps.pool.close(this.name);
    });
  }

  async #answerSyncRequest(connection: YjsConnection, stateVector: Uint8Array): Promise<void> {
    await this.#stored;
    if (this.#failed || connection.closed) return;
    try {
      const answer = await this.deps.pool.diff(this.name, stateVector);
      connection.send(encodeSyncStep2(answer.update ?? new Uint8Array([0, 0])));
      if (answer.stateVector) connection.send(encodeSyncStep1(answer.stateVector));
    } catch (error) {
      this.#refuse(connection, error, 'sync request');
    }
  }

  /** Adds a client update to the batch waiting to run, or starts a new batch. */
  #queueUpdate(connection: YjsConnection, received: Uint8Array): void {
    // A copy of just these bytes: the received view may share a larger buffer, which the worker
    // request would otherwise copy whole.
    const queued: QueuedUpdate = { connection, update: received.slice() };
    const open = this.#openBatch;
    if (open && open.length < MAX_BATCH_UPDATES && this.#openBatchBytes + received.length <= MAX_BATCH_BYTES) {
      open.push(queued);
      this.#openBatchBytes += received.length;
      return;
    }
    const batch = [queued];
    const openedAt = performance.now();
    void this.enqueue(async () => {
      const wait = openedAt + this.deps.limits.updateBatchWindowMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.#openBatch === batch) this.#openBatch = null;
      return this.#applyBatch(batch);
    });
    this.#openBatch = batch;
    this.#openBatchBytes = received.length;
  }

  async #applyBatch(batch: QueuedUpdate[]): Promise<void> {
    if (this.#failed) return;
    /** Senders refused during this batch: their later updates in it build on the refused one and are dropped. */
    const refused = new Set<YjsConnection>();
    const admitted = await this.#admit(batch, refused);
    await this.#integrate(admitted, refused);
  }

  /** The checks made on the main thread when a batch starts: write access now, and the document size. */
  async #admit(batch: QueuedUpdate[], refused: Set<YjsConnection>): Promise<QueuedUpdate[]> {
    const { limits } = this.deps;
    const admitted: QueuedUpdate[] = [];
    let admittedBytes = 0;
    for (const queued of batch) {
      const { connection, update } = queued;
      if (refused.has(connection)) continue;
      // Checked now rather than on arrival: a lock applies to updates already queued.
      if (!connection.canWrite()) {
        if (!isEmptyUpdate(update)) connection.deny(DENIED_READ_ONLY);
        continue;
      }
      if (isEmptyUpdate(update)) continue;
      const tooLarge = () => this.#storedBytes + admittedBytes + update.length > limits.maxDocumentBytes;
      if (tooLarge() && this.#logCount > 1) await this.#compact();
      if (tooLarge()) {
        // Every later update of this client builds on the refused one, so the session cannot go on.
        refused.add(connection);
        connection.deny(DENIED_DOCUMENT_TOO_LARGE);
        connection.close(CLOSE_CODES.tooLarge, DENIED_DOCUMENT_TOO_LARGE);
        continue;
      }
      admittedBytes += update.length;
      admitted.push(queued);
    }
    return admitted;
  }

  /**
   * Integrates admitted updates in one worker request, then stores and relays what they changed. When
   * the worker had to drop its copy part-way, the updates it did not attempt go in a new request (the
   * copy is reloaded from storage first). When the worker failed the whole request, the updates are
   * applied again one at a time.
   */
  async #integrate(updates: QueuedUpdate[], refused: Set<YjsConnection>): Promise<void> {
    const { pool, limits } = this.deps;
    let rest = updates;
    while (!this.#failed) {
      rest = rest.filter((queued) => !refused.has(queued.connection));
      if (rest.length === 0) return;
      let reply: WorkerSuccess;
      try {
        reply = await pool.applyBatch(
          this.name,
          rest.map(({ connection, update }) => ({ sender: connection.id, update })),
          limits.maxPendingBytes,
        );
      } catch (error) {
        if (rest.length > 1 && error instanceof GuardError && error.kind !== 'unavailable') {
          // One of them made the worker run too long, run out of memory, or fail: one at a time, only
          // that one is refused and the others are kept.
          this.deps.logger.warn('yjs: a batch of updates failed; applying them one at a time', {
            doc: this.name,
            updates: rest.length,
            kind: error.kind,
          });
          for (const queued of rest) await this.#integrate([queued], refused);
          return;
        }
        refused.add(rest[0]!.connection);
        this.#refuse(rest[0]!.connection, error, 'update');
        return;
      }
      const outcomes = reply.outcomes ?? [];
      if (outcomes.length === 0) return;
      let changed = 0;
      outcomes.forEach((outcome, i) => {
        if (this.#settle(rest[i]!.connection, outcome)) changed++;
        else if (outcome.status !== 'applied') refused.add(rest[i]!.connection);
      });
      this.#storeAndRelay(reply, changed);
      if (this.#logCount > limits.compactAfterUpdates || this.#logBytes > limits.compactAfterBytes) await this.#compact();
      rest = rest.slice(outcomes.length);
    }
  }

  /** Acts on one update's outcome for its sender; true when the update changed the document. */
  #settle(connection: YjsConnection, outcome: UpdateOutcome): boolean {
    switch (outcome.status) {
      case 'applied':
        connection.chargeWorkerTime(outcome.elapsedMs);
        if (outcome.stateVector) connection.requestMissing(outcome.stateVector);
        return outcome.changed;
      case 'rejected':
        this.#refuse(connection, new GuardError('rejected', outcome.error), 'update');
        return false;
      case 'too-many-pending':
        // Out-of-order updates pile up in memory without ever being stored: the worker dropped them
        // (with its copy), and the sender goes.
        this.deps.counters.rejected++;
        connection.close(CLOSE_CODES.updateRejected, 'too-many-pending-updates');
        return false;
      case 'skipped':
        return false;
    }
  }

  /** Appends what a batch changed, then, once committed, relays it: one frame per connection. */
  #storeAndRelay(reply: WorkerSuccess, changed: number): void {
    const update = reply.update;
    if (!update) return;
    const { pool, persistence, logger } = this.deps;
    this.#storedBytes += update.length;
    this.#logCount++;
    this.#logBytes += update.length;
    const exclusions = new Map((reply.exclusions ?? []).map((e) => [e.sender, e.update]));
    const appended = persistence.append(this.name, update);
    this.#stored = this.#stored.then(async () => {
      let seq: number;
      try {
        seq = await appended;
      } catch (error) {
        if (this.#failed) return;
        // The worker now holds updates that are not stored: drop its copy and everyone's connection.
        logger.error('yjs: storing an update failed', { doc: this.name, error });
        await pool.reset(this.name);
        this.fail();
        return;
      }
      if (this.#failed) return;
      this.#lastSeq = seq;
      this.deps.counters.applied += changed;
      const relayed = encodeUpdate(update);
      for (const connection of this.connections) {
        if (!exclusions.has(connection.id)) {
          connection.send(relayed);
          continue;
        }
        const others = exclusions.get(connection.id);
        if (others) connection.send(encodeUpdate(others));
      }
    });
  }

  async #compact(): Promise<void> {
    await this.#stored;
    if (this.#failed) return;
    const throughSeq = this.#lastSeq;
    try {
      const merged = (await this.deps.pool.state(this.name)).update ?? new Uint8Array([0, 0]);
      await this.deps.persistence.compact(this.name, merged, throughSeq);
      this.#storedBytes = merged.length;
      this.#logCount = 1;
      this.#logBytes = 0;
    } catch (error) {
      // The log stays as it was: still complete, only longer.
      this.deps.logger.warn('yjs: compacting a document failed', { doc: this.name, error });
    }
  }

  /** A sync request or update failed in the worker: blame the sender, or the storage if reloading failed. */
  #refuse(connection: YjsConnection, error: unknown, what: string): void {
    if (error instanceof GuardError && error.kind !== 'unavailable') {
      this.deps.counters.rejected++;
      this.deps.logger.warn(`yjs: ${what} refused`, {
        doc: this.name,
        principal: connection.access.principalLabel,
        kind: error.kind,
        error: error.message,
      });
      connection.close(CLOSE_CODES.updateRejected, `${what === 'update' ? 'update' : 'sync'}-rejected`);
      return;
    }
    this.deps.logger.error('yjs: document unavailable', { doc: this.name, error });
    this.fail();
  }

  /** Closes every connection with "document unavailable"; the registry reloads the document next time. */
  fail(): void {
    this.#failed = true;
    for (const connection of [...this.connections]) connection.close(CLOSE_CODES.documentUnavailable, 'document-unavailable');
  }
}
