/**
 * Named error codes shared by the server and its clients. A recoverable error answers an ack with
 * `{ ok: false, code, message }` or an HTTP response with `{ error: { code, message } }`; the client maps
 * the code to words a participant understands (client/src/i18n).
 */
export const ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_code',
  'workshop_closed',
  'workshop_not_live',
  'invalid_transition',
  'protocol_mismatch',
  'origin_not_allowed',
  'conflict',
  'internal',
  /** A poll or word cloud that is a draft or closed. */
  'activity_not_open',
  /** Only people connected to the live workshop vote or send words: reconnect. */
  'not_present',
  /** A word cloud's entries per participant reached. */
  'entry_limit',
  /** The same word (once normalised) sent twice by one participant. */
  'duplicate_entry',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Error codes the speaking queue answers besides the common ones (`shared/errors.ts`); the client maps
 * each to plain words.
 */
export const SPEAKING_QUEUE_ERROR_CODES = [
  /** One open hand per participant. */
  'hand_already_raised',
  /** Only the person who raised a hand can lower it. */
  'not_ticket_owner',
  'ticket_not_found',
  'ticket_already_speaking',
  /** "Next" with nobody waiting. */
  'queue_empty',
  /** Ending a turn or starting a timer while nobody speaks. */
  'no_turn_in_progress',
  'invalid_duration',
  'invalid_mode',
  /** A participant cannot +1 their own contribution. */
  'own_contribution',
  /** `contributionsPerParticipant` reached. */
  'contribution_limit',
] as const;

/** Error codes of records besides the common ones (`shared/errors.ts`). */
export const RECORD_ERROR_CODES = [
  /** Withdrawing a version already withdrawn: the first mark stands. */
  'already_withdrawn',
] as const;

/** Error codes of the board and proposals, besides the common ones (shared/errors.ts). */
export const BOARD_ERROR_CODES = [
  'board_locked',
  'board_full',
  'board_unavailable',
  'card_not_found',
  'column_not_found',
  'column_not_empty',
  'too_many_columns',
  'not_card_author',
  'no_pseudonym',
  'dot_budget_exhausted',
  'proposal_not_found',
  'proposal_locked',
  'proposal_decided',
  'too_many_proposals',
] as const;
export type SpeakingQueueErrorCode = (typeof SPEAKING_QUEUE_ERROR_CODES)[number];
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];
export type BoardErrorCode = (typeof BOARD_ERROR_CODES)[number];

/** The failure half of every ack and HTTP error body. */
export interface Failure {
  ok: false;
  code: ErrorCode | (string & {});
  message: string;
}

/** What every acknowledged socket.io event answers. */
export type Ack<T extends object = Record<never, never>> = ({ ok: true } & T) | Failure;

/** HTTP status used for each code when it is returned by an HTTP route. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_code: 404,
  workshop_closed: 410,
  workshop_not_live: 409,
  invalid_transition: 409,
  protocol_mismatch: 400,
  origin_not_allowed: 403,
  conflict: 409,
  internal: 500,
  activity_not_open: 409,
  not_present: 403,
  entry_limit: 409,
  duplicate_entry: 409,
};

/** An error a domain service or adapter raises on purpose; adapters turn it into a Failure. */
export class CroiseeError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'CroiseeError';
  }

  toFailure(): Failure {
    return { ok: false, code: this.code, message: this.message };
  }
}
