/**
 * Types of the speaking queue (tours de parole). The state is plain data (arrays, records,
 * numbers, strings, null) so that it is stored as JSON and survives a restart unchanged.
 */

/** Why a participant raised a hand; null when they did not say. */
export type HandKind = 'question' | 'testimony' | 'reaction' | null;

/** The fair-order rule used to pick the next ticket. */
export type QueueMode = 'fifo' | 'first_time_first' | 'alternate_standpoints';

export const QUEUE_MODES: readonly QueueMode[] = ['fifo', 'first_time_first', 'alternate_standpoints'];

/** Group key used for participants who chose "je préfère ne pas dire". */
export const UNDISCLOSED_STANDPOINT = '_undisclosed';

/** How long a disconnected participant keeps their ticket, unless the workshop says otherwise. */
export const DEFAULT_GRACE_MS = 2 * 60 * 1000;

/** Wait estimate per position before any turn has been timed. */
export const DEFAULT_TURN_ESTIMATE_MS = 90 * 1000;

/** A raised hand. Participant id and standpoint never leave the domain through the views. */
export interface Ticket {
  readonly number: number;
  readonly participantId: string;
  /** Standpoint id, or null for "je préfère ne pas dire". */
  readonly standpoint: string | null;
  readonly kind: HandKind;
  readonly raisedAt: number;
  /** Set while the owner is disconnected: the start of their absence. */
  readonly disconnectedAt: number | null;
}

/** A countdown the facilitator set on the current turn. */
export interface TurnTimer {
  readonly durationMs: number;
  readonly startedAt: number;
}

/** The ticket that has the floor. */
export interface CurrentTurn {
  readonly ticket: Ticket;
  readonly startedAt: number;
  readonly timer: TurnTimer | null;
}

/** Turns and speaking time of one standpoint group. */
export interface StandpointCounter {
  readonly turns: number;
  readonly speakingMs: number;
}

/** The whole queue of one workshop. */
export interface QueueState {
  readonly mode: QueueMode;
  /** Number the next raised hand receives; numbers are never reused. */
  readonly nextNumber: number;
  readonly graceMs: number;
  /** Waiting tickets in raise order (ordering rules apply on read, see `orderWaiting`). */
  readonly waiting: readonly Ticket[];
  readonly speaking: CurrentTurn | null;
  /** Participants who have been given the floor in this workshop, for `first_time_first`. */
  readonly spokenParticipants: readonly string[];
  /** Keyed by standpoint id, or `UNDISCLOSED_STANDPOINT`. */
  readonly counters: Readonly<Record<string, StandpointCounter>>;
}

/** Commands the service applies; `now` is passed separately. */
export type QueueCommand =
  | { readonly type: 'raise'; readonly participantId: string; readonly standpoint: string | null; readonly kind: HandKind }
  | { readonly type: 'lower'; readonly participantId: string; readonly ticketNumber: number }
  | { readonly type: 'give_next' }
  | { readonly type: 'give'; readonly ticketNumber: number }
  | { readonly type: 'end_turn' }
  | { readonly type: 'start_timer'; readonly durationMs: number }
  | { readonly type: 'set_mode'; readonly mode: QueueMode }
  | { readonly type: 'disconnect'; readonly participantId: string }
  | { readonly type: 'reconnect'; readonly participantId: string }
  | { readonly type: 'expire' };

/** What changed; never carries a participant id or a standpoint, so events may be broadcast. */
export type QueueEvent =
  | { readonly type: 'hand_raised'; readonly ticketNumber: number; readonly kind: HandKind }
  | { readonly type: 'hand_lowered'; readonly ticketNumber: number }
  | { readonly type: 'turn_started'; readonly ticketNumber: number }
  | { readonly type: 'turn_ended'; readonly ticketNumber: number; readonly durationMs: number }
  | { readonly type: 'timer_started'; readonly ticketNumber: number; readonly durationMs: number }
  | { readonly type: 'mode_changed'; readonly mode: QueueMode }
  | { readonly type: 'ticket_away'; readonly ticketNumber: number }
  | { readonly type: 'ticket_back'; readonly ticketNumber: number }
  | { readonly type: 'ticket_dropped'; readonly ticketNumber: number };

export type QueueErrorCode =
  | 'hand_already_raised'
  | 'not_ticket_owner'
  | 'ticket_not_found'
  | 'ticket_already_speaking'
  | 'queue_empty'
  | 'no_turn_in_progress'
  | 'invalid_duration'
  | 'invalid_mode';

export type QueueResult =
  | { readonly ok: true; readonly state: QueueState; readonly events: readonly QueueEvent[] }
  | { readonly ok: false; readonly code: QueueErrorCode; readonly message: string };
