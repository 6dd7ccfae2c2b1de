import { describe, expect, it } from 'vitest';
import {
  initialQueueState,
  MAX_TIMER_MS,
  orderWaiting,
  speakingCounters,
} from '../../../server/src/domain/speaking-queue/queue-machine';
import { deepFreeze, errorCode, ok, raise, run } from './queue-helpers';

const empty = () => deepFreeze(initialQueueState());

describe('raise', () => {
  it('gives increasing ticket numbers starting at 1 and announces the kind', () => {
    const first = ok(empty(), raise('p1', 'pro', 'question'), 0);
    expect(first.events).toEqual([{ type: 'hand_raised', ticketNumber: 1, kind: 'question' }]);
    const second = ok(first.state, raise('p2'), 10);
    expect(second.events).toEqual([{ type: 'hand_raised', ticketNumber: 2, kind: null }]);
    expect(orderWaiting(second.state).map((t) => t.number)).toEqual([1, 2]);
  });

  it('refuses a second open hand for the same participant, waiting or speaking', () => {
    const waiting = run(empty(), [[raise('p1'), 0]]);
    expect(errorCode(waiting, raise('p1'), 1)).toBe('hand_already_raised');
    const speaking = ok(waiting, { type: 'give_next' }, 2).state;
    expect(errorCode(speaking, raise('p1'), 3)).toBe('hand_already_raised');
  });

  it('never reuses a number, even after the ticket was lowered or served', () => {
    const state = run(empty(), [
      [raise('p1'), 0],
      [{ type: 'lower', participantId: 'p1', ticketNumber: 1 }, 1],
      [raise('p2'), 2],
      [{ type: 'give_next' }, 3],
      [{ type: 'end_turn' }, 4],
    ]);
    expect(ok(state, raise('p1'), 5).events).toEqual([{ type: 'hand_raised', ticketNumber: 3, kind: null }]);
  });
});

describe('lower', () => {
  it('removes a waiting ticket when its owner lowers it', () => {
    const state = run(empty(), [[raise('p1'), 0], [raise('p2'), 1]]);
    const lowered = ok(state, { type: 'lower', participantId: 'p1', ticketNumber: 1 }, 2);
    expect(lowered.events).toEqual([{ type: 'hand_lowered', ticketNumber: 1 }]);
    expect(orderWaiting(lowered.state).map((t) => t.number)).toEqual([2]);
  });

  it('refuses to lower someone else’s ticket', () => {
    const state = run(empty(), [[raise('p1'), 0]]);
    expect(errorCode(state, { type: 'lower', participantId: 'p2', ticketNumber: 1 }, 1)).toBe('not_ticket_owner');
  });

  it('reports an unknown ticket', () => {
    expect(errorCode(empty(), { type: 'lower', participantId: 'p1', ticketNumber: 4 }, 0)).toBe('ticket_not_found');
  });

  it('ends the turn, counted, when the speaker lowers their own ticket', () => {
    const state = run(empty(), [[raise('p1', 'pro'), 0], [{ type: 'give_next' }, 1_000]]);
    const lowered = ok(state, { type: 'lower', participantId: 'p1', ticketNumber: 1 }, 31_000);
    expect(lowered.events).toEqual([{ type: 'turn_ended', ticketNumber: 1, durationMs: 30_000 }]);
    expect(lowered.state.speaking).toBeNull();
    expect(speakingCounters(lowered.state)).toEqual({ pro: { turns: 1, speakingMs: 30_000 } });
  });
});

describe('give_next and give', () => {
  it('refuses to give the floor when nobody waits', () => {
    expect(errorCode(empty(), { type: 'give_next' }, 0)).toBe('queue_empty');
  });

  it('ends the current turn before giving the floor to the next ticket', () => {
    const state = run(empty(), [[raise('p1', 'elu'), 0], [raise('p2'), 0], [{ type: 'give_next' }, 1_000]]);
    const next = ok(state, { type: 'give_next' }, 61_000);
    expect(next.events).toEqual([
      { type: 'turn_ended', ticketNumber: 1, durationMs: 60_000 },
      { type: 'turn_started', ticketNumber: 2 },
    ]);
    expect(next.state.speaking?.ticket.number).toBe(2);
    expect(speakingCounters(next.state)).toEqual({ elu: { turns: 1, speakingMs: 60_000 } });
  });

  it('gives the floor to a chosen waiting ticket out of order', () => {
    const state = run(empty(), [[raise('p1'), 0], [raise('p2'), 0], [raise('p3'), 0]]);
    const given = ok(state, { type: 'give', ticketNumber: 3 }, 5);
    expect(given.events).toEqual([{ type: 'turn_started', ticketNumber: 3 }]);
    expect(orderWaiting(given.state).map((t) => t.number)).toEqual([1, 2]);
  });

  it('refuses to give the floor to an unknown ticket or to the one already speaking', () => {
    const state = run(empty(), [[raise('p1'), 0], [{ type: 'give_next' }, 1]]);
    expect(errorCode(state, { type: 'give', ticketNumber: 9 }, 2)).toBe('ticket_not_found');
    expect(errorCode(state, { type: 'give', ticketNumber: 1 }, 2)).toBe('ticket_already_speaking');
  });
});

describe('end_turn', () => {
  it('adds the turn to its standpoint, with undisclosed standpoints grouped together', () => {
    const state = run(empty(), [
      [raise('p1', null), 0],
      [raise('p2', null), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 10_000],
      [{ type: 'give_next' }, 20_000],
      [{ type: 'end_turn' }, 50_000],
    ]);
    expect(speakingCounters(state)).toEqual({ _undisclosed: { turns: 2, speakingMs: 40_000 } });
  });

  it('refuses to end a turn when nobody speaks', () => {
    expect(errorCode(empty(), { type: 'end_turn' }, 0)).toBe('no_turn_in_progress');
  });

  it('never counts negative time when the clock goes backwards', () => {
    const state = run(empty(), [[raise('p1', 'pro'), 0], [{ type: 'give_next' }, 5_000]]);
    const ended = ok(state, { type: 'end_turn' }, 4_000);
    expect(ended.events).toEqual([{ type: 'turn_ended', ticketNumber: 1, durationMs: 0 }]);
  });
});

describe('start_timer and set_mode', () => {
  const speaking = () => run(empty(), [[raise('p1'), 0], [{ type: 'give_next' }, 0]]);

  it('starts a timer on the current turn', () => {
    const timed = ok(speaking(), { type: 'start_timer', durationMs: 120_000 }, 3_000);
    expect(timed.events).toEqual([{ type: 'timer_started', ticketNumber: 1, durationMs: 120_000 }]);
    expect(timed.state.speaking?.timer).toEqual({ durationMs: 120_000, startedAt: 3_000 });
  });

  it('refuses a timer without a turn or with a duration that is not a positive whole number within limits', () => {
    expect(errorCode(empty(), { type: 'start_timer', durationMs: 1_000 }, 0)).toBe('no_turn_in_progress');
    for (const durationMs of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_TIMER_MS + 1]) {
      expect(errorCode(speaking(), { type: 'start_timer', durationMs }, 0)).toBe('invalid_duration');
    }
  });

  it('switches mode with an event, and stays silent when the mode does not change', () => {
    const switched = ok(empty(), { type: 'set_mode', mode: 'alternate_standpoints' }, 0);
    expect(switched.events).toEqual([{ type: 'mode_changed', mode: 'alternate_standpoints' }]);
    expect(switched.state.mode).toBe('alternate_standpoints');
    expect(ok(switched.state, { type: 'set_mode', mode: 'alternate_standpoints' }, 1).events).toEqual([]);
  });

  it('refuses an unknown mode', () => {
    const command = JSON.parse('{"type":"set_mode","mode":"loudest_first"}');
    expect(errorCode(empty(), command, 0)).toBe('invalid_mode');
  });
});
