/**
 * What people may see of the speaking queue. The public view is the same for everyone,
 * facilitator included: tickets by number only, never a participant id or a standpoint,
 * so nobody learns who raised which hand.
 */
import { averageTurnMs, isExpired, orderWaiting, settleCurrentTurn } from './queue-order';
import type { CurrentTurn, HandKind, QueueMode, QueueState, StandpointCounter, Ticket, TurnTimer } from './queue-types';

/** The timer turns to "warning" once this share of its duration or less remains… */
export const TIMER_WARNING_FRACTION = 0.2;
/** …or once this much time or less remains, whichever comes first. */
export const TIMER_WARNING_MS = 30 * 1000;

/** A running turn timer as shown on screens. */
export interface PublicTimer {
  readonly durationMs: number;
  /** Never below zero. */
  readonly remainingMs: number;
  /** True when at most 20 % of the duration or at most 30 s remains. */
  readonly warning: boolean;
  /** True once the time is up and the turn goes on. */
  readonly overtime: boolean;
}

export interface PublicSpeakingTicket {
  readonly number: number;
  readonly kind: HandKind;
  readonly status: 'speaking';
  readonly elapsedMs: number;
  readonly timer: PublicTimer | null;
}

export interface PublicWaitingTicket {
  readonly number: number;
  readonly kind: HandKind;
  readonly status: 'waiting';
  /** 1 for the ticket that would be served next in the current mode. */
  readonly position: number;
  /** The owner is disconnected but still within the grace period. */
  readonly away: boolean;
}

/** The queue as everyone sees it. */
export interface PublicQueueView {
  readonly mode: QueueMode;
  readonly speaking: PublicSpeakingTicket | null;
  readonly waiting: readonly PublicWaitingTicket[];
  readonly averageTurnMs: number;
}

/** The queue as one participant sees their own place in it. */
export interface ParticipantQueueView {
  readonly ticket: { readonly number: number; readonly kind: HandKind; readonly status: 'waiting' | 'speaking' } | null;
  /** 1 when next; null when the participant has no waiting ticket. */
  readonly position: number | null;
  /** Position × average turn duration so far (90 s per turn before any turn ended). */
  readonly estimatedWaitMs: number | null;
  readonly isMyTurn: boolean;
  /** The timer of their own turn, when they have the floor and one is running. */
  readonly timer: PublicTimer | null;
}

/**
 * Waiting tickets in the order a "next" at `now` would serve them: the current turn counted as
 * if it ended now, and without the tickets a command at `now` would drop.
 */
function servableAt(state: QueueState, now: number): Ticket[] {
  return orderWaiting(settleCurrentTurn(state, now).state).filter((t) => !isExpired(t, state.graceMs, now));
}

function timerAt(timer: TurnTimer | null, now: number): PublicTimer | null {
  if (timer === null) return null;
  const remainingMs = Math.max(0, timer.durationMs - Math.max(0, now - timer.startedAt));
  return {
    durationMs: timer.durationMs,
    remainingMs,
    warning: remainingMs <= TIMER_WARNING_MS || remainingMs <= timer.durationMs * TIMER_WARNING_FRACTION,
    overtime: remainingMs === 0,
  };
}

function speakingAt(turn: CurrentTurn, now: number): PublicSpeakingTicket {
  return {
    number: turn.ticket.number,
    kind: turn.ticket.kind,
    status: 'speaking',
    elapsedMs: Math.max(0, now - turn.startedAt),
    timer: timerAt(turn.timer, now),
  };
}

/** The anonymous view of the queue at `now`: ticket numbers, kinds, positions and timer only. */
export function publicView(state: QueueState, now: number): PublicQueueView {
  return {
    mode: state.mode,
    speaking: state.speaking === null ? null : speakingAt(state.speaking, now),
    waiting: servableAt(state, now).map((t, index) => ({
      number: t.number,
      kind: t.kind,
      status: 'waiting',
      position: index + 1,
      away: t.disconnectedAt !== null,
    })),
    averageTurnMs: averageTurnMs(state),
  };
}

/** One participant's own ticket, place in the queue and estimated wait at `now`. */
export function viewFor(state: QueueState, participantId: string, now: number): ParticipantQueueView {
  const turn = state.speaking;
  if (turn !== null && turn.ticket.participantId === participantId) {
    return {
      ticket: { number: turn.ticket.number, kind: turn.ticket.kind, status: 'speaking' },
      position: null,
      estimatedWaitMs: null,
      isMyTurn: true,
      timer: timerAt(turn.timer, now),
    };
  }
  const waiting = servableAt(state, now);
  const index = waiting.findIndex((t) => t.participantId === participantId);
  const ticket = waiting[index];
  if (ticket === undefined) {
    return { ticket: null, position: null, estimatedWaitMs: null, isMyTurn: false, timer: null };
  }
  return {
    ticket: { number: ticket.number, kind: ticket.kind, status: 'waiting' },
    position: index + 1,
    estimatedWaitMs: (index + 1) * averageTurnMs(state),
    isMyTurn: false,
    timer: null,
  };
}

/**
 * Turns and speaking time per standpoint group (undisclosed under `_undisclosed`), for the
 * facilitator's breakdown and the record entry. Never per person.
 */
export function speakingCounters(state: QueueState): Record<string, StandpointCounter> {
  return Object.fromEntries(Object.entries(state.counters).map(([key, c]) => [key, { ...c }]));
}
