import { describe, expect, it } from 'vitest';
import { initialQueueState, orderWaiting, type QueueState } from '../../../server/src/domain/speaking-queue/queue-machine';
import { ok, raise, run } from './queue-helpers';

const numbers = (state: QueueState) => orderWaiting(state).map((t) => t.number);

/** Serves every waiting ticket with one-minute turns and returns the numbers in serving order. */
function drain(state: QueueState, from: number): number[] {
  const served: number[] = [];
  let current = state;
  let now = from;
  while (current.waiting.length > 0) {
    const next = ok(current, { type: 'give_next' }, now);
    const turn = next.events.find((e) => e.type === 'turn_started');
    if (turn?.type === 'turn_started') served.push(turn.ticketNumber);
    current = ok(next.state, { type: 'end_turn' }, now + 60_000).state;
    now += 60_000;
  }
  return served;
}

describe('fifo', () => {
  it('serves tickets in the order hands were raised', () => {
    const state = run(initialQueueState(), [[raise('a'), 0], [raise('b'), 5], [raise('c'), 9]]);
    expect(drain(state, 10)).toEqual([1, 2, 3]);
  });
});

describe('first_time_first', () => {
  it('puts participants who have not spoken yet before those who have, raise order among equals', () => {
    const state = run(initialQueueState({ mode: 'first_time_first' }), [
      [raise('veteran'), 0],
      [{ type: 'give_next' }, 1],
      [{ type: 'end_turn' }, 2],
      [raise('veteran'), 3],
      [raise('new-1'), 4],
      [raise('new-2'), 5],
    ]);
    expect(numbers(state)).toEqual([3, 4, 2]);
  });

  it('counts a participant as having spoken from the moment they get the floor', () => {
    const state = run(initialQueueState({ mode: 'first_time_first' }), [
      [raise('a'), 0],
      [{ type: 'give_next' }, 1],
      [{ type: 'lower', participantId: 'a', ticketNumber: 1 }, 1],
      [raise('a'), 2],
      [raise('b'), 3],
    ]);
    expect(numbers(state)).toEqual([3, 2]);
  });
});

describe('alternate_standpoints', () => {
  it('gives the next turn to the standpoint with the least speaking time so far', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('pro-1', 'pro'), 0],
      [raise('pro-2', 'pro'), 0],
      [raise('concerned-1', 'concerned'), 0],
      [raise('elu-1', 'elu'), 0],
      [{ type: 'give', ticketNumber: 3 }, 0],
      [{ type: 'end_turn' }, 120_000],
    ]);
    // concerned spoke 120 s and waits no more; pro and elu have 0 ms, so raise order decides.
    expect(numbers(state)).toEqual([1, 2, 4]);
    const after = run(state, [[{ type: 'give_next' }, 130_000], [{ type: 'end_turn' }, 160_000]]);
    expect(numbers(after)).toEqual([4, 2]);
  });

  it('breaks equal speaking time by fewest turns, then raise order', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('a', 'student'), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 0],
      [raise('b', 'student'), 1],
      [raise('c', 'volunteer'), 2],
      [raise('d', 'partner'), 3],
    ]);
    // student has 0 ms over 1 turn; volunteer and partner have 0 ms over 0 turns.
    expect(numbers(state)).toEqual([3, 4, 2]);
  });

  it('prefers less speaking time over fewer turns', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('pro-1', 'pro'), 0],
      [raise('pro-2', 'pro'), 0],
      [raise('elu-1', 'elu'), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'give', ticketNumber: 2 }, 10_000],
      [{ type: 'give_next' }, 20_000],
      [{ type: 'end_turn' }, 80_000],
      [raise('pro-1', 'pro'), 81_000],
      [raise('elu-2', 'elu'), 82_000],
    ]);
    // pro: 2 turns, 20 s; elu: 1 turn, 60 s.
    expect(numbers(state)).toEqual([4, 5]);
  });

  it('treats undisclosed standpoints as one group of their own', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('x', null), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 45_000],
      [raise('y', null), 50_000],
      [raise('z', 'pro'), 51_000],
    ]);
    expect(numbers(state)).toEqual([3, 2]);
  });

  it('counts the turn in progress when the facilitator calls next during it', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('elu-1', 'elu'), 0],
      [raise('pro-1', 'pro'), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 10_000],
      [{ type: 'give_next' }, 10_000],
      [raise('pro-2', 'pro'), 11_000],
      [raise('elu-2', 'elu'), 12_000],
    ]);
    // Before pro-1's turn ends, pro has 0 ms and elu 10 s; after 20 s of pro-1, elu is behind no more.
    expect(numbers(state)).toEqual([3, 4]);
    const next = ok(state, { type: 'give_next' }, 30_000);
    expect(next.events).toEqual([
      { type: 'turn_ended', ticketNumber: 2, durationMs: 20_000 },
      { type: 'turn_started', ticketNumber: 4 },
    ]);
  });
});

describe('switching modes', () => {
  it('reorders the same waiting tickets without losing any', () => {
    const fifo = run(initialQueueState(), [
      [raise('a', 'pro'), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 60_000],
      [raise('a', 'pro'), 61_000],
      [raise('b', 'pro'), 62_000],
      [raise('c', 'concerned'), 63_000],
    ]);
    expect(numbers(fifo)).toEqual([2, 3, 4]);
    const firstTime = ok(fifo, { type: 'set_mode', mode: 'first_time_first' }, 64_000).state;
    expect(numbers(firstTime)).toEqual([3, 4, 2]);
    const alternate = ok(firstTime, { type: 'set_mode', mode: 'alternate_standpoints' }, 65_000).state;
    expect(numbers(alternate)).toEqual([4, 2, 3]);
  });
});
