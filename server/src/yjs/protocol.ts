import * as encoding from 'lib0/encoding';
import { ByteReader, FormatError } from './byte-reader';
import { validateStateVector, validateUpdateV1 } from './update-format';

/**
 * The y-websocket wire protocol (as spoken by y-websocket's `WebsocketProvider`): every binary frame
 * is `varUint messageType` followed by the message. Sync messages carry y-protocols' sync steps;
 * awareness messages carry `varUint8Array(awarenessUpdate)`; auth messages tell the client that
 * something was refused. This module decodes what clients send (strictly: anything unexpected is
 * malformed) and encodes what the server sends.
 */

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

const AUTH_PERMISSION_DENIED = 0;

/** WebSocket close codes the endpoint uses; documented in docs/YJS.md. */
export const CLOSE_CODES = {
  /** The endpoint is shutting down; the provider reconnects. */
  goingAway: 1001,
  /** A text frame: the protocol is binary only. */
  unsupportedData: 1003,
  /** A frame over the size limit (sent by `ws` itself). */
  messageTooBig: 1009,
  internalError: 1011,
  /** The client does not read what it is sent fast enough; the provider reconnects later. */
  tryAgainLater: 1013,
  /** A message that does not decode: unknown type, truncated, trailing bytes, malformed update. */
  malformedMessage: 4400,
  /** Too large: an awareness state (reason `awareness-state-too-large`) or the document (`document-too-large`). */
  tooLarge: 4413,
  /** An update Yjs refused, or whose integration exceeded the time or memory limit. */
  updateRejected: 4422,
  /** Too many messages, bytes or sync requests. */
  rateLimited: 4429,
  /** The document could not be loaded or stored; the provider retries with backoff. */
  documentUnavailable: 4500,
} as const;

/** Reasons sent with y-protocols' permission-denied auth message. */
export const DENIED_READ_ONLY = 'read-only';
export const DENIED_DOCUMENT_TOO_LARGE = 'document-too-large';

/** One client's entry in an awareness update; `state` is the JSON text (`"null"` when it left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'query-awareness' };

export type DecodeResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: number; reason: string };

export interface DecodeLimits {
  maxAwarenessStateBytes: number;
  maxAwarenessEntries: number;
}

/** Decodes one binary frame from a client, validating every nested structure. */
export function decodeClientMessage(frame: Uint8Array, limits: DecodeLimits): DecodeResult {
  try {
    const r = new ByteReader(frame);
    const type = r.varUint();
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) message = decodeSync(r);
    else if (type === MESSAGE_AWARENESS) message = decodeAwareness(r, limits);
    else if (type === MESSAGE_QUERY_AWARENESS) message = { kind: 'query-awareness' };
    else throw new FormatError('unknown-message-type');
    r.end();
    return { ok: true, message };
  } catch (error) {
    if (error instanceof AwarenessTooLarge) {
      return { ok: false, code: CLOSE_CODES.tooLarge, reason: 'awareness-state-too-large' };
    }
    if (error instanceof FormatError) return { ok: false, code: CLOSE_CODES.malformedMessage, reason: error.reason };
    throw error;
  }
}

class AwarenessTooLarge extends Error {}

function decodeSync(r: ByteReader): ClientMessage {
  const step = r.varUint();
  const payload = r.varBytes();
  if (step === SYNC_STEP_1) {
    failIf(validateStateVector(payload));
    return { kind: 'sync-step-1', stateVector: payload };
  }
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) throw new FormatError('unknown-sync-step');
  if (payload.length === 0) throw new FormatError('empty-update');
  failIf(validateUpdateV1(payload));
  return step === SYNC_STEP_2 ? { kind: 'sync-step-2', update: payload } : { kind: 'update', update: payload };
}

function failIf(verdict: string | null): void {
  if (verdict !== null) throw new FormatError(verdict);
}

function decodeAwareness(r: ByteReader, limits: DecodeLimits): ClientMessage {
  const inner = new ByteReader(r.varBytes());
  const n = inner.count(3);
  if (n > limits.maxAwarenessEntries) throw new FormatError('too-many-awareness-entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = inner.varUint();
    const clock = inner.varUint();
    const state = readAwarenessState(inner, limits.maxAwarenessStateBytes);
    // Every receiving client runs JSON.parse on it: a state that does not parse would throw there.
    try {
      JSON.parse(state);
    } catch {
      throw new FormatError('awareness-state-not-json');
    }
    entries.push({ clientId, clock, state });
  }
  inner.end();
  return { kind: 'awareness', entries };
}

function readAwarenessState(r: ByteReader, maxBytes: number): string {
  try {
    return r.varString(maxBytes);
  } catch (error) {
    if (error instanceof FormatError && error.reason === 'string-too-long') throw new AwarenessTooLarge();
    throw error;
  }
}

/** `[sync, step 2, update]`: the server's answer to a client's state vector. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP_2, update);
}

/** `[sync, step 1, stateVector]`: asks the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP_1, stateVector);
}

/** `[sync, update, update]`: an update relayed to the other clients of a document. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** `[awareness, update]` built from already-encoded entries (see {@link encodeAwarenessEntry}). */
export function encodeAwarenessMessage(encodedEntries: readonly Uint8Array[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, encodedEntries.length);
  for (const entry of encodedEntries) encoding.writeUint8Array(inner, entry);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** One awareness entry, encoded once and reused for every recipient. */
export function encodeAwarenessEntry(entry: AwarenessEntry): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entry.clientId);
  encoding.writeVarUint(e, entry.clock);
  encoding.writeVarString(e, entry.state);
  return encoding.toUint8Array(e);
}

/** An awareness update with no entry: the client applies it as a no-op, but it proves the link alive. */
export const KEEPALIVE_MESSAGE: Uint8Array = encodeAwarenessMessage([]);

/** y-protocols' `[auth, permission denied, reason]`. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AUTH);
  encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}
