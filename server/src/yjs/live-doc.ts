import type { Logger } from '../logger';
import { AwarenessRelay } from './awareness-relay';
import type { YjsConnection } from './connection';
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

/**
 * One loaded document and its connections. Everything that touches the document's content runs in
 * order, one operation at a time (`enqueue`), so storage, the worker's copy and what clients were sent
 * never disagree.
 *
 * Persistence: an update is appended to storage *before* it is relayed. The next update does not wait
 * for that append: appends overlap (a store that groups commits writes them with one fsync) while
 * relays follow in order, each once its own append is done; whatever sends content to a client (a
 * sync answer, a server read, a compaction) first waits for every append under way. So an update any
 * client has received is stored, and a crash loses at most the updates whose append had not finished
 * — the clients that sent them still hold them and send them again when they reconnect (sync step 2).
 */
export class LiveDoc {
  readonly connections = new Set<YjsConnection>();
  readonly awareness: AwarenessRelay;
  /** Connections plus server-side readers currently using the document. */
  holders = 0;
  /** Resolves once the document is loaded; rejects if it could not be. */
  ready: Promise<void> = Promise.resolve();
  #chain: Promise<unknown> = Promise.resolve();
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
    await pool.open(this.name, async () => (await persistence.load(this.name)).updates, stored.updates);
  }

  /** Runs `op` after every operation queued before it. */
  enqueue<T>(op: () => Promise<T>): Promise<T> {
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
        void this.enqueue(() => this.#applyFrom(connection, message.update));
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

  async #applyFrom(connection: YjsConnection, received: Uint8Array): Promise<void> {
    if (this.#failed) return;
    // Checked now rather than on arrival: a lock applies to updates already queued.
    if (!connection.canWrite()) {
      if (!isEmptyUpdate(received)) connection.deny(DENIED_READ_ONLY);
      return;
    }
    if (isEmptyUpdate(received)) return;
    const { limits, pool, persistence, logger } = this.deps;
    if (this.#storedBytes + received.length > limits.maxDocumentBytes && this.#logCount > 1) await this.#compact();
    if (this.#storedBytes + received.length > limits.maxDocumentBytes) {
      // Every later update of this client builds on the refused one, so the session cannot go on.
      connection.deny(DENIED_DOCUMENT_TOO_LARGE);
      connection.close(CLOSE_CODES.tooLarge, DENIED_DOCUMENT_TOO_LARGE);
      return;
    }
    let result;
    try {
      result = await pool.apply(this.name, received.slice());
    } catch (error) {
      this.#refuse(connection, error, 'update');
      return;
    }
    connection.chargeWorkerTime(result.elapsedMs);
    if (result.pendingBytes > limits.maxPendingBytes) {
      // Out-of-order updates pile up in memory without ever being stored: drop them with the sender.
      await pool.reset(this.name);
      this.deps.counters.rejected++;
      connection.close(CLOSE_CODES.updateRejected, 'too-many-pending-updates');
      return;
    }
    if (result.stateVector) connection.requestMissing(result.stateVector);
    const update = result.update;
    if (!update) return;
    this.#storedBytes += update.length;
    this.#logCount++;
    this.#logBytes += update.length;
    const appended = persistence.append(this.name, update);
    this.#stored = this.#stored.then(async () => {
      if (this.#failed) return;
      try {
        this.#lastSeq = await appended;
      } catch (error) {
        // The worker now holds an update that is not stored: drop its copy and everyone's connection.
        logger.error('yjs: storing an update failed', { doc: this.name, error });
        await pool.reset(this.name);
        this.fail();
        return;
      }
      this.deps.counters.applied++;
      const relayed = encodeUpdate(update);
      for (const other of this.connections) if (other !== connection) other.send(relayed);
    });
    if (this.#logCount > limits.compactAfterUpdates || this.#logBytes > limits.compactAfterBytes) await this.#compact();
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
