/**
 * The speaking queue (tours de parole) as a pure state machine: a command and the current
 * time in, a new state and the events it caused out. No I/O, no clock, no mutation of the
 * input: the service stores the state as JSON and loads it back as it was after a restart.
 * A refused command changes nothing at all, so the caller keeps the state it passed in.
 *
 * Choices the product left open:
 * - Giving the floor while someone speaks first ends the current turn (counted as usual), so the
 *   facilitator's "next" is one action.
 * - The owner lowering the ticket that has the floor ends their turn ("j'ai fini"); it is counted.
 * - Every command first drops the waiting tickets whose owner has been away longer than the
 *   grace period, so a dropped ticket can never be served even if `expire` was not called in time.
 *   The ticket that has the floor is never dropped: only the facilitator ends a turn.
 * - A participant has a "first turn" as soon as they are given the floor.
 */
import { isExpired, orderWaiting, settleCurrentTurn } from './queue-order';
import {
  DEFAULT_GRACE_MS,
  QUEUE_MODES,
  type CurrentTurn,
  type QueueCommand,
  type QueueErrorCode,
  type QueueEvent,
  type QueueMode,
  type QueueResult,
  type QueueState,
  type Ticket,
} from './queue-types';

export * from './queue-types';
export { orderWaiting, averageTurnMs } from './queue-order';
export { publicView, viewFor, speakingCounters } from './queue-view';

/** Longest timer a facilitator may set on one turn. */
export const MAX_TIMER_MS = 60 * 60 * 1000;

/** Options a workshop may set when its queue is created. */
export interface QueueOptions {
  readonly mode?: QueueMode;
  readonly graceMs?: number;
}

/** An empty queue in `fifo` mode whose first ticket will be n°1. */
export function initialQueueState(options: QueueOptions = {}): QueueState {
  return {
    mode: options.mode ?? 'fifo',
    nextNumber: 1,
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    waiting: [],
    speaking: null,
    spokenParticipants: [],
    counters: {},
  };
}

interface Step {
  readonly state: QueueState;
  readonly events: readonly QueueEvent[];
}

const done = (state: QueueState, events: readonly QueueEvent[] = []): QueueResult => ({ ok: true, state, events });
const fromStep = (step: Step): QueueResult => done(step.state, step.events);
const fail = (code: QueueErrorCode, message: string): QueueResult => ({ ok: false, code, message });

/**
 * Applies one command at time `now` (ms). On success returns the new state and its events;
 * on failure returns an error code and the input state stays the one to keep.
 */
export function applyQueueCommand(state: QueueState, command: QueueCommand, now: number): QueueResult {
  const swept = dropExpired(state, now);
  const result = applyToCurrent(swept.state, command, now);
  if (!result.ok || swept.events.length === 0) return result;
  return done(result.state, [...swept.events, ...result.events]);
}

function applyToCurrent(state: QueueState, command: QueueCommand, now: number): QueueResult {
  switch (command.type) {
    case 'raise':
      return raise(state, command.participantId, command.standpoint, command.kind, now);
    case 'lower':
      return lower(state, command.participantId, command.ticketNumber, now);
    case 'give_next': {
      const ended = endTurn(state, now);
      const next = orderWaiting(ended.state)[0];
      if (next === undefined) return fail('queue_empty', 'Aucune main levée en attente.');
      return giveFloor(ended, next, now);
    }
    case 'give':
      return give(state, command.ticketNumber, now);
    case 'end_turn':
      return state.speaking === null ? fail('no_turn_in_progress', 'Personne n’a la parole.') : fromStep(endTurn(state, now));
    case 'start_timer':
      return startTimer(state, command.durationMs, now);
    case 'set_mode':
      if (!QUEUE_MODES.includes(command.mode)) return fail('invalid_mode', `Mode inconnu : ${String(command.mode)}.`);
      if (command.mode === state.mode) return done(state);
      return done({ ...state, mode: command.mode }, [{ type: 'mode_changed', mode: command.mode }]);
    case 'disconnect':
      return markPresence(state, command.participantId, now);
    case 'reconnect':
      return markPresence(state, command.participantId, null);
    case 'expire':
      return done(state);
  }
}

function raise(
  state: QueueState,
  participantId: string,
  standpoint: string | null,
  kind: Ticket['kind'],
  now: number,
): QueueResult {
  if (openTicketOf(state, participantId) !== undefined) {
    return fail('hand_already_raised', 'Cette personne a déjà une main levée.');
  }
  const ticket: Ticket = { number: state.nextNumber, participantId, standpoint, kind, raisedAt: now, disconnectedAt: null };
  return done({ ...state, nextNumber: state.nextNumber + 1, waiting: [...state.waiting, ticket] }, [
    { type: 'hand_raised', ticketNumber: ticket.number, kind },
  ]);
}

function lower(state: QueueState, participantId: string, ticketNumber: number, now: number): QueueResult {
  const speakingTicket = state.speaking?.ticket;
  const ticket = speakingTicket?.number === ticketNumber ? speakingTicket : findWaiting(state, ticketNumber);
  if (ticket === undefined) return fail('ticket_not_found', `La main n°${ticketNumber} n’est pas dans la file.`);
  if (ticket.participantId !== participantId) {
    return fail('not_ticket_owner', 'Seule la personne qui a levé la main peut la baisser.');
  }
  if (ticket === speakingTicket) return fromStep(endTurn(state, now));
  return done({ ...state, waiting: state.waiting.filter((t) => t.number !== ticketNumber) }, [
    { type: 'hand_lowered', ticketNumber },
  ]);
}

function give(state: QueueState, ticketNumber: number, now: number): QueueResult {
  if (state.speaking?.ticket.number === ticketNumber) {
    return fail('ticket_already_speaking', `La main n°${ticketNumber} a déjà la parole.`);
  }
  const ticket = findWaiting(state, ticketNumber);
  if (ticket === undefined) return fail('ticket_not_found', `La main n°${ticketNumber} n’est pas dans la file.`);
  // Ending the current turn leaves the waiting tickets as they are, so `ticket` is still waiting.
  return giveFloor(endTurn(state, now), ticket, now);
}

function startTimer(state: QueueState, durationMs: number, now: number): QueueResult {
  if (state.speaking === null) return fail('no_turn_in_progress', 'Personne n’a la parole.');
  if (!Number.isSafeInteger(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS) {
    return fail('invalid_duration', `La durée doit être un nombre entier de millisecondes entre 1 et ${MAX_TIMER_MS}.`);
  }
  const speaking: CurrentTurn = { ...state.speaking, timer: { durationMs, startedAt: now } };
  return done({ ...state, speaking }, [{ type: 'timer_started', ticketNumber: speaking.ticket.number, durationMs }]);
}

/** `disconnectedAt` is the moment the owner left, or null when they are back. */
function markPresence(state: QueueState, participantId: string, disconnectedAt: number | null): QueueResult {
  const ticket = state.waiting.find((t) => t.participantId === participantId);
  // A second disconnect must not restart the grace period, and presence without a waiting ticket has no effect.
  if (ticket === undefined || (ticket.disconnectedAt === null) === (disconnectedAt === null)) return done(state);
  const updated: Ticket = { ...ticket, disconnectedAt };
  const event: QueueEvent =
    disconnectedAt === null
      ? { type: 'ticket_back', ticketNumber: ticket.number }
      : { type: 'ticket_away', ticketNumber: ticket.number };
  return done({ ...state, waiting: state.waiting.map((t) => (t === ticket ? updated : t)) }, [event]);
}

function dropExpired(state: QueueState, now: number): Step {
  const dropped = state.waiting.filter((t) => isExpired(t, state.graceMs, now));
  if (dropped.length === 0) return { state, events: [] };
  return {
    state: { ...state, waiting: state.waiting.filter((t) => !isExpired(t, state.graceMs, now)) },
    events: dropped.map((t) => ({ type: 'ticket_dropped', ticketNumber: t.number })),
  };
}

/** Ends the current turn if there is one and adds its duration to its standpoint's counter. */
function endTurn(state: QueueState, now: number): Step {
  const turn = state.speaking;
  if (turn === null) return { state, events: [] };
  const settled = settleCurrentTurn(state, now);
  return {
    state: settled.state,
    events: [{ type: 'turn_ended', ticketNumber: turn.ticket.number, durationMs: settled.durationMs }],
  };
}

/** Gives the floor to a waiting ticket of a state where nobody speaks. */
function giveFloor(previous: Step, ticket: Ticket, now: number): QueueResult {
  const { state } = previous;
  const spokenParticipants = state.spokenParticipants.includes(ticket.participantId)
    ? state.spokenParticipants
    : [...state.spokenParticipants, ticket.participantId];
  return done(
    {
      ...state,
      waiting: state.waiting.filter((t) => t.number !== ticket.number),
      speaking: { ticket, startedAt: now, timer: null },
      spokenParticipants,
    },
    [...previous.events, { type: 'turn_started', ticketNumber: ticket.number }],
  );
}

function findWaiting(state: QueueState, ticketNumber: number): Ticket | undefined {
  return state.waiting.find((t) => t.number === ticketNumber);
}

function openTicketOf(state: QueueState, participantId: string): Ticket | undefined {
  if (state.speaking?.ticket.participantId === participantId) return state.speaking.ticket;
  return state.waiting.find((t) => t.participantId === participantId);
}
