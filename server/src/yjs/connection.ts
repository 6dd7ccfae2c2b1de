import type { RawData, WebSocket } from 'ws';
import type { AwarenessPeer } from './awareness-relay';
import type { YjsLimits } from './limits';
import {
  CLOSE_CODES,
  KEEPALIVE_MESSAGE,
  decodeClientMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  type ClientMessage,
} from './protocol';
import { TokenBucket } from './token-bucket';

/** What the application decided about one connection to one document. */
export interface DocAccess {
  /** Who is connected (never a token): for logs, and to let a reconnecting page keep its awareness id. */
  principalLabel: string;
  /** Asked again before every update, so that locking a board applies at once. */
  canWrite: () => boolean;
}

export interface ConnectionEvents {
  message(connection: YjsConnection, message: ClientMessage): void;
  closed(connection: YjsConnection, code: number, reason: string): void;
}

const PING_EVERY_MS = 30_000;
const DENIAL_REPEAT_MS = 1000;

/**
 * One WebSocket client of one document. Decodes and rate-limits what the client sends before the
 * document sees it, and guards what is sent to it: a client that stops reading is dropped rather than
 * buffered without end, and a client that is sent nothing for a while gets a keepalive frame (the
 * provider reconnects when it hears nothing for 30 s).
 */
export class YjsConnection implements AwarenessPeer {
  static #nextId = 1;
  readonly id = YjsConnection.#nextId++;
  #closed = false;
  #alive = true;
  #lastSentAt: number;
  #lastPingAt: number;
  #lastWritable: boolean;
  #lastResyncAt = -Infinity;
  readonly #lastDenied = new Map<string, number>();
  readonly #messages: TokenBucket;
  readonly #updateBytes: TokenBucket;
  readonly #syncRequests: TokenBucket;
  readonly #workerMs: TokenBucket;

  constructor(
    private readonly ws: WebSocket,
    readonly docName: string,
    readonly access: DocAccess,
    private readonly limits: YjsLimits,
    private readonly events: ConnectionEvents,
  ) {
    const now = Date.now();
    this.#lastSentAt = now;
    this.#lastPingAt = now;
    this.#lastWritable = safeCanWrite(access);
    this.#messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond, now);
    this.#updateBytes = new TokenBucket(limits.updateBytesBurst, limits.updateBytesPerSecond, now);
    this.#syncRequests = new TokenBucket(limits.syncRequestBurst, limits.syncRequestsPerSecond, now);
    this.#workerMs = new TokenBucket(limits.workerMsBurst, limits.workerMsPerSecond, now);
    ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
    ws.on('pong', () => {
      this.#alive = true;
    });
    ws.on('close', (code, reason) => this.#finish(code, reason.toString()));
    // An 'error' (e.g. a frame over maxPayload) is followed by 'close'; without a listener it would throw.
    ws.on('error', () => undefined);
  }

  get principal(): string {
    return this.access.principalLabel;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether the client may write now; remembered for {@link accessChanged}. */
  canWrite(): boolean {
    this.#lastWritable = safeCanWrite(this.access);
    return this.#lastWritable;
  }

  /** Re-evaluates write access; true when the client just lost it. */
  accessChanged(): boolean {
    const before = this.#lastWritable;
    return before && !this.canWrite();
  }

  send(message: Uint8Array): void {
    if (this.#closed) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.tryAgainLater, 'slow-consumer');
      return;
    }
    this.ws.send(message);
    this.#lastSentAt = Date.now();
  }

  /** Tells the client something was refused (y-protocols permission-denied), at most once a second per reason. */
  deny(reason: string): void {
    const now = Date.now();
    if (now - (this.#lastDenied.get(reason) ?? -Infinity) < DENIAL_REPEAT_MS) return;
    this.#lastDenied.set(reason, now);
    this.send(encodePermissionDenied(reason));
  }

  /**
   * Sends the server's state vector so the client answers with what the server lacks (at most once a
   * second). Used when the client's update depends on structs the server never received, e.g. edits
   * dropped while it was read-only.
   */
  requestMissing(stateVector: Uint8Array): void {
    const now = Date.now();
    if (now - this.#lastResyncAt < DENIAL_REPEAT_MS) return;
    this.#lastResyncAt = now;
    this.send(encodeSyncStep1(stateVector));
  }

  /** Counts worker time spent on this client's updates; past its budget the client is disconnected. */
  chargeWorkerTime(ms: number): void {
    const now = Date.now();
    this.#workerMs.charge(ms, now);
    if (this.#workerMs.exhausted(now)) this.close(CLOSE_CODES.rateLimited, 'worker-time-exceeded');
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.ws.close(code, reason);
    this.#finish(code, reason);
  }

  /** Forcibly drops the socket (used once the endpoint is closing). */
  terminate(): void {
    this.ws.terminate();
    this.#finish(CLOSE_CODES.goingAway, 'terminated');
  }

  /** Periodic duties: keepalive frame and liveness ping. */
  tick(now: number): void {
    if (this.#closed) return;
    if (now - this.#lastSentAt >= this.limits.keepaliveMs) this.send(KEEPALIVE_MESSAGE);
    if (now - this.#lastPingAt >= PING_EVERY_MS) {
      if (!this.#alive) {
        this.terminate();
        return;
      }
      this.#alive = false;
      this.#lastPingAt = now;
      this.ws.ping();
    }
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    if (!isBinary) return this.close(CLOSE_CODES.unsupportedData, 'binary-frames-only');
    const now = Date.now();
    if (!this.#messages.take(1, now)) return this.close(CLOSE_CODES.rateLimited, 'too-many-messages');
    const decoded = decodeClientMessage(toBytes(data), this.limits);
    if (!decoded.ok) return this.close(decoded.code, decoded.reason);
    const message = decoded.message;
    if ((message.kind === 'update' || message.kind === 'sync-step-2') && !this.#updateBytes.take(message.update.length, now)) {
      return this.close(CLOSE_CODES.rateLimited, 'too-many-update-bytes');
    }
    if (message.kind === 'sync-step-1' && !this.#syncRequests.take(1, now)) {
      return this.close(CLOSE_CODES.rateLimited, 'too-many-sync-requests');
    }
    this.events.message(this, message);
  }

  #finish(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.events.closed(this, code, reason);
  }
}

function safeCanWrite(access: DocAccess): boolean {
  try {
    return access.canWrite();
  } catch {
    return false;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
