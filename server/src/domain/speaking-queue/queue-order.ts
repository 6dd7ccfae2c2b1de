import {
  DEFAULT_TURN_ESTIMATE_MS,
  UNDISCLOSED_STANDPOINT,
  type QueueState,
  type StandpointCounter,
  type Ticket,
} from './queue-types';

const NO_TIME: StandpointCounter = { turns: 0, speakingMs: 0 };

/** The counter key of a standpoint: undisclosed standpoints form their own group. */
export function standpointKey(standpoint: string | null): string {
  return standpoint ?? UNDISCLOSED_STANDPOINT;
}

/** Turns and speaking time so far of the group a standpoint belongs to. */
export function counterOf(state: QueueState, standpoint: string | null): StandpointCounter {
  return state.counters[standpointKey(standpoint)] ?? NO_TIME;
}

/**
 * True once the ticket's owner has been away for longer than the grace period.
 * Such a ticket is never served: every command drops it before doing anything else.
 */
export function isExpired(ticket: Ticket, graceMs: number, now: number): boolean {
  return ticket.disconnectedAt !== null && now - ticket.disconnectedAt > graceMs;
}

const byNumber = (a: Ticket, b: Ticket): number => a.number - b.number;

/**
 * The waiting tickets in the order the current mode would serve them; the first one is next.
 * - `fifo`: raise order (ticket numbers only grow, so number order is raise order).
 * - `first_time_first`: owners who have not had the floor yet come first, raise order within each part.
 * - `alternate_standpoints`: the standpoint group with the least speaking time first, then the
 *   fewest turns, then raise order. Ties are broken the same way for every ticket, so the order is total.
 */
export function orderWaiting(state: QueueState): Ticket[] {
  const tickets = [...state.waiting].sort(byNumber);
  switch (state.mode) {
    case 'fifo':
      return tickets;
    case 'first_time_first': {
      const spoken = new Set(state.spokenParticipants);
      const firstTimers = tickets.filter((t) => !spoken.has(t.participantId));
      const repeaters = tickets.filter((t) => spoken.has(t.participantId));
      return [...firstTimers, ...repeaters];
    }
    case 'alternate_standpoints':
      return tickets.sort((a, b) => {
        const ca = counterOf(state, a.standpoint);
        const cb = counterOf(state, b.standpoint);
        return ca.speakingMs - cb.speakingMs || ca.turns - cb.turns || a.number - b.number;
      });
  }
}

/**
 * The state as it would be if the current turn ended at `now`: the turn's duration added to
 * its standpoint's counter and nobody speaking. Used by the machine to end a turn and by the
 * views, so that the positions they show are those a "next" at `now` would follow.
 */
export function settleCurrentTurn(state: QueueState, now: number): { state: QueueState; durationMs: number } {
  const turn = state.speaking;
  if (turn === null) return { state, durationMs: 0 };
  // A clock that went backwards must not make a turn count negative time.
  const durationMs = Math.max(0, now - turn.startedAt);
  const counter = counterOf(state, turn.ticket.standpoint);
  const counters = {
    ...state.counters,
    [standpointKey(turn.ticket.standpoint)]: { turns: counter.turns + 1, speakingMs: counter.speakingMs + durationMs },
  };
  return { state: { ...state, speaking: null, counters }, durationMs };
}

/** Mean duration of the turns taken so far, or the default estimate before the first one ends. */
export function averageTurnMs(state: QueueState): number {
  let turns = 0;
  let speakingMs = 0;
  for (const counter of Object.values(state.counters)) {
    turns += counter.turns;
    speakingMs += counter.speakingMs;
  }
  return turns === 0 ? DEFAULT_TURN_ESTIMATE_MS : Math.round(speakingMs / turns);
}
