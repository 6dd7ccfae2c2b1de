import type { Worker } from 'node:worker_threads';
import type { BatchItem, WorkerRequest, WorkerReply, WorkerSuccess } from './doc-worker-messages';
import { startWorker } from './worker-start';

/**
 * The update guard: Y.Docs live in a few worker threads, never on the main thread. Untrusted updates
 * are integrated there, one request at a time per worker (a request may carry a batch of one
 * document's updates), each request under a time limit; the worker also has a heap limit. A request
 * that exceeds either kills its worker: the request fails, the worker is replaced, and the documents
 * it held are reloaded from storage on their next request. Honest documents on other workers are not
 * delayed at all; those on the same worker wait at most the time limit.
 *
 * Why not a structural check alone: a 400 KB update that is perfectly well-formed (100,000 deletion
 * ranges that each split one long text item) takes Yjs 13.6 about 40 s to integrate, because every
 * split moves the rest of the struct array. Only running Yjs elsewhere bounds that.
 */

export type GuardFailure = 'rejected' | 'timeout' | 'crashed' | 'unavailable';

/** Why a document operation failed: Yjs refused the update, it ran too long or too big, or no worker. */
export class GuardError extends Error {
  constructor(
    readonly kind: GuardFailure,
    message: string,
    /** The worker dropped its copy of the document (it will be reloaded from storage). */
    readonly dropped = false,
  ) {
    super(message);
    this.name = 'GuardError';
  }
}

export interface DocWorkerPoolOptions {
  /** Number of worker threads. */
  workers: number;
  /** Longest a worker may spend on one request (a batch of client updates, a sync request). */
  requestTimeoutMs: number;
  /** Longest a worker may spend loading a document from storage. */
  loadTimeoutMs: number;
  /** Heap limit of each worker (V8 old generation). */
  maxOldGenerationSizeMb: number;
  /** URL of the application's document module (see document-module.ts), imported by every worker. */
  documentModule?: string;
  onWorkerReplaced?: (reason: GuardFailure, message: string) => void;
}

/** Reads a document's stored updates, to (re)load it into a worker. */
export type Seed = () => Promise<Uint8Array[]>;

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Job {
  body: RequestBody;
  timeoutMs: number;
  generation: number | null;
  resolve: (reply: WorkerSuccess) => void;
  reject: (error: GuardError) => void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  generation: number;
  queue: Job[];
  inFlight: Job | null;
  inFlightId: number;
  timer: NodeJS.Timeout | null;
  resident: Set<string>;
  assigned: Set<string>;
}

const MAX_RELOADS = 3;

export class DocWorkerPool {
  readonly #slots: Slot[];
  readonly #seeds = new Map<string, Seed>();
  readonly #slotOf = new Map<string, Slot>();
  #nextId = 1;
  #replaced = 0;
  #closed = false;

  constructor(private readonly options: DocWorkerPoolOptions) {
    this.#slots = Array.from({ length: Math.max(1, options.workers) }, () => ({
      worker: null,
      ready: false,
      generation: 0,
      queue: [],
      inFlight: null,
      inFlightId: 0,
      timer: null,
      resident: new Set<string>(),
      assigned: new Set<string>(),
    }));
  }

  /** Assigns a document to the least busy worker and loads it from `initial` (its stored updates). */
  async open(doc: string, seed: Seed, initial: Uint8Array[]): Promise<void> {
    const slot = this.#slots.reduce((a, b) => (b.assigned.size < a.assigned.size ? b : a));
    slot.assigned.add(doc);
    this.#slotOf.set(doc, slot);
    this.#seeds.set(doc, seed);
    try {
      await this.#request(doc, null, initial);
    } catch (error) {
      this.#forget(doc);
      throw error;
    }
  }

  /**
   * Integrates client updates in order, in one request; resolves with each one's outcome, the merge of
   * what they changed and, per sender, the merge of the others' changes. Rejects when the worker
   * failed the whole request (killed for its time or memory, or crashed): then none of it counts.
   */
  applyBatch(doc: string, items: BatchItem[], maxPendingBytes: number): Promise<WorkerSuccess> {
    return this.#request(doc, { op: 'apply-batch', doc, items, maxPendingBytes }) as Promise<WorkerSuccess>;
  }

  /** The update a client with `stateVector` lacks, and the document's own state vector. */
  diff(doc: string, stateVector: Uint8Array): Promise<WorkerSuccess> {
    return this.#request(doc, { op: 'diff', doc, stateVector }) as Promise<WorkerSuccess>;
  }

  /** The whole document as one update. */
  state(doc: string): Promise<WorkerSuccess> {
    return this.#request(doc, { op: 'state', doc }) as Promise<WorkerSuccess>;
  }

  /** Runs a named edit of the document module; resolves with the change it made and its result. */
  edit(doc: string, edit: string, args: unknown): Promise<WorkerSuccess> {
    return this.#request(doc, { op: 'edit', doc, edit, args }) as Promise<WorkerSuccess>;
  }

  /** Makes the worker forget its copy; the next request reloads the document from storage. */
  async reset(doc: string): Promise<void> {
    const slot = this.#slotOf.get(doc);
    if (!slot || !slot.resident.delete(doc)) return;
    await this.#run(slot, { op: 'unload', doc }, this.options.requestTimeoutMs).catch(() => undefined);
  }

  /** Unloads a document from its worker. */
  async close(doc: string): Promise<void> {
    await this.reset(doc);
    this.#forget(doc);
  }

  /** Stops every worker; pending requests fail. */
  async terminate(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        const jobs = [...(slot.inFlight ? [slot.inFlight] : []), ...slot.queue];
        slot.queue = [];
        slot.inFlight = null;
        for (const job of jobs) job.reject(new GuardError('unavailable', 'the endpoint is closing'));
        const worker = slot.worker;
        slot.worker = null;
        if (worker) await worker.terminate();
      }),
    );
  }

  stats(): { workers: number; replaced: number; documentsPerWorker: number[] } {
    return { workers: this.#slots.length, replaced: this.#replaced, documentsPerWorker: this.#slots.map((s) => s.assigned.size) };
  }

  #forget(doc: string): void {
    this.#slotOf.get(doc)?.assigned.delete(doc);
    this.#slotOf.delete(doc);
    this.#seeds.delete(doc);
  }

  /** Runs `body` (or only makes sure the document is loaded), reloading it when its worker was replaced. */
  async #request(doc: string, body: RequestBody | null, initial?: Uint8Array[]): Promise<WorkerSuccess | null> {
    const slot = this.#slotOf.get(doc);
    if (!slot) throw new GuardError('unavailable', 'document not open');
    for (let attempt = 0; ; attempt++) {
      try {
        if (!slot.resident.has(doc)) {
          const updates = attempt === 0 && initial ? initial : await this.#seed(doc);
          const generation = slot.generation;
          await this.#run(slot, { op: 'load', doc, updates }, this.options.loadTimeoutMs);
          if (slot.generation !== generation) throw new GuardError('unavailable', STALE);
          slot.resident.add(doc);
        }
        if (!body) return null;
        return await this.#run(slot, body, this.options.requestTimeoutMs, slot.generation);
      } catch (error) {
        // The worker was replaced by another document's request: reload this one and try again.
        if (error instanceof GuardError && error.message === STALE && attempt < MAX_RELOADS) continue;
        throw error;
      }
    }
  }

  async #seed(doc: string): Promise<Uint8Array[]> {
    const seed = this.#seeds.get(doc);
    if (!seed) throw new GuardError('unavailable', 'document not open');
    try {
      return await seed();
    } catch (error) {
      throw new GuardError('unavailable', `reloading failed: ${describe(error)}`);
    }
  }

  #run(slot: Slot, body: RequestBody, timeoutMs: number, generation: number | null = null): Promise<WorkerSuccess> {
    if (this.#closed) return Promise.reject(new GuardError('unavailable', 'the endpoint is closing'));
    return new Promise((resolve, reject) => {
      slot.queue.push({ body, timeoutMs, generation, resolve, reject });
      this.#pump(slot);
    });
  }

  #pump(slot: Slot): void {
    if (this.#closed || slot.inFlight) return;
    if (!slot.worker) this.#spawn(slot);
    if (!slot.ready) return;
    const job = slot.queue.shift();
    if (!job) return;
    if (job.generation !== null && job.generation !== slot.generation) {
      job.reject(new GuardError('unavailable', STALE));
      this.#pump(slot);
      return;
    }
    const id = this.#nextId++;
    slot.inFlight = job;
    slot.inFlightId = id;
    slot.timer = setTimeout(() => this.#replace(slot, 'timeout', `no answer within ${job.timeoutMs} ms`), job.timeoutMs);
    slot.worker!.postMessage({ ...job.body, id } as WorkerRequest);
  }

  #spawn(slot: Slot): void {
    const worker = startWorker(this.options.maxOldGenerationSizeMb, this.options.documentModule);
    slot.worker = worker;
    slot.ready = false;
    // A worker that never signals it is ready would leave every request waiting without a timer.
    slot.timer = setTimeout(() => this.#replace(slot, 'crashed', 'the worker did not start'), this.options.loadTimeoutMs);
    worker.on('message', (message: WorkerReply | { ready: true }) => {
      if (slot.worker !== worker) return;
      if ('ready' in message) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        slot.ready = true;
        this.#pump(slot);
        return;
      }
      this.#settle(slot, message);
    });
    worker.on('error', (error) => {
      if (slot.worker === worker) this.#replace(slot, 'crashed', describe(error));
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.#replace(slot, 'crashed', `worker exited with code ${code}`);
    });
  }

  #settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.inFlight;
    if (!job || reply.id !== slot.inFlightId) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.inFlight = null;
    if (reply.ok) {
      if (reply.dropped && 'doc' in job.body) slot.resident.delete(job.body.doc);
      job.resolve(reply);
    } else {
      if (reply.dropped && 'doc' in job.body) slot.resident.delete(job.body.doc);
      job.reject(new GuardError('rejected', reply.error, reply.dropped));
    }
    this.#pump(slot);
  }

  /** Kills a worker that ran too long, ran out of memory or died; the request it was running fails. */
  #replace(slot: Slot, kind: GuardFailure, message: string): void {
    const worker = slot.worker;
    const job = slot.inFlight;
    const wasReady = slot.ready;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.inFlight = null;
    slot.worker = null;
    slot.ready = false;
    slot.generation++;
    slot.resident.clear();
    this.#replaced++;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
    }
    this.options.onWorkerReplaced?.(kind, message);
    job?.reject(new GuardError(kind, message, true));
    if (!wasReady) {
      // The worker could not even start: fail what waits rather than respawn in a loop.
      const waiting = slot.queue;
      slot.queue = [];
      for (const j of waiting) j.reject(new GuardError('unavailable', `worker failed to start: ${message}`));
      return;
    }
    this.#pump(slot);
  }
}

const STALE = 'stale';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
