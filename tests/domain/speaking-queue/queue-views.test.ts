import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRACE_MS,
  DEFAULT_TURN_ESTIMATE_MS,
  initialQueueState,
  publicView,
  viewFor,
} from '../../../server/src/domain/speaking-queue/queue-machine';
import { ok, raise, run } from './queue-helpers';

const busy = () =>
  run(initialQueueState(), [
    [raise('participant-a', 'regard-pro', 'question'), 0],
    [raise('participant-b', 'regard-concerned', 'testimony'), 1_000],
    [raise('participant-c', null, 'reaction'), 2_000],
    [{ type: 'give_next' }, 10_000],
  ]);

describe('publicView', () => {
  it('shows tickets by number, kind, status and position only', () => {
    expect(publicView(busy(), 25_000)).toEqual({
      mode: 'fifo',
      speaking: { number: 1, kind: 'question', status: 'speaking', elapsedMs: 15_000, timer: null },
      waiting: [
        { number: 2, kind: 'testimony', status: 'waiting', position: 1, away: false },
        { number: 3, kind: 'reaction', status: 'waiting', position: 2, away: false },
      ],
      averageTurnMs: DEFAULT_TURN_ESTIMATE_MS,
    });
  });

  it('carries no participant id and no standpoint', () => {
    const text = JSON.stringify(publicView(busy(), 25_000));
    for (const secret of ['participant-a', 'participant-b', 'participant-c', 'regard-pro', 'regard-concerned', '_undisclosed']) {
      expect(text).not.toContain(secret);
    }
  });

  it('marks the ticket of a disconnected owner as away, and hides it once it has expired', () => {
    const away = ok(busy(), { type: 'disconnect', participantId: 'participant-b' }, 20_000).state;
    expect(publicView(away, 20_000).waiting.map((t) => [t.number, t.away])).toEqual([[2, true], [3, false]]);
    const expired = publicView(away, 20_001 + DEFAULT_GRACE_MS).waiting;
    expect(expired).toEqual([{ number: 3, kind: 'reaction', status: 'waiting', position: 1, away: false }]);
  });

  it('shows the remaining time of a timer and warns in its last 20 %', () => {
    const timed = ok(busy(), { type: 'start_timer', durationMs: 300_000 }, 10_000).state;
    expect(publicView(timed, 70_000).speaking?.timer).toEqual({
      durationMs: 300_000,
      remainingMs: 240_000,
      warning: false,
      overtime: false,
    });
    expect(publicView(timed, 249_999).speaking?.timer?.warning).toBe(false);
    expect(publicView(timed, 250_000).speaking?.timer).toMatchObject({ remainingMs: 60_000, warning: true });
  });

  it('warns in the last 30 seconds of a timer even when that is more than 20 %', () => {
    const timed = ok(busy(), { type: 'start_timer', durationMs: 60_000 }, 10_000).state;
    expect(publicView(timed, 39_999).speaking?.timer?.warning).toBe(false);
    expect(publicView(timed, 40_000).speaking?.timer?.warning).toBe(true);
  });

  it('shows zero remaining and overtime once the timer ran out', () => {
    const timed = ok(busy(), { type: 'start_timer', durationMs: 60_000 }, 10_000).state;
    expect(publicView(timed, 95_000).speaking?.timer).toEqual({
      durationMs: 60_000,
      remainingMs: 0,
      warning: true,
      overtime: true,
    });
  });
});

describe('viewFor', () => {
  it('gives a waiting participant their ticket, position and an estimate at 90 s per turn before any turn ended', () => {
    expect(viewFor(busy(), 'participant-c', 20_000)).toEqual({
      ticket: { number: 3, kind: 'reaction', status: 'waiting' },
      position: 2,
      estimatedWaitMs: 2 * DEFAULT_TURN_ESTIMATE_MS,
      isMyTurn: false,
      timer: null,
    });
  });

  it('estimates the wait from the average duration of the turns taken so far', () => {
    const state = run(busy(), [
      [{ type: 'end_turn' }, 50_000],
      [{ type: 'give_next' }, 50_000],
      [{ type: 'end_turn' }, 70_000],
      [raise('participant-a', 'regard-pro'), 71_000],
    ]);
    // Turns of 40 s and 20 s: 30 s on average; participant-a waits behind ticket 3.
    expect(viewFor(state, 'participant-a', 72_000)).toMatchObject({ position: 2, estimatedWaitMs: 60_000 });
  });

  it('tells the speaker it is their turn and shows their timer', () => {
    const timed = ok(busy(), { type: 'start_timer', durationMs: 120_000 }, 10_000).state;
    expect(viewFor(timed, 'participant-a', 40_000)).toEqual({
      ticket: { number: 1, kind: 'question', status: 'speaking' },
      position: null,
      estimatedWaitMs: null,
      isMyTurn: true,
      timer: { durationMs: 120_000, remainingMs: 90_000, warning: false, overtime: false },
    });
  });

  it('shows nothing for a participant without a ticket', () => {
    expect(viewFor(busy(), 'someone-else', 0)).toEqual({
      ticket: null,
      position: null,
      estimatedWaitMs: null,
      isMyTurn: false,
      timer: null,
    });
  });

  it('gives the position that the next call would follow in alternate_standpoints, the turn in progress counted', () => {
    const state = run(initialQueueState({ mode: 'alternate_standpoints' }), [
      [raise('elu-1', 'elu'), 0],
      [{ type: 'give_next' }, 0],
      [{ type: 'end_turn' }, 10_000],
      [raise('pro-1', 'pro'), 10_000],
      [{ type: 'give_next' }, 10_000],
      [raise('pro-2', 'pro'), 11_000],
      [raise('elu-2', 'elu'), 12_000],
    ]);
    expect(viewFor(state, 'pro-2', 15_000).position).toBe(1);
    expect(viewFor(state, 'pro-2', 30_000).position).toBe(2);
    expect(publicView(state, 30_000).waiting.map((t) => t.number)).toEqual([4, 3]);
  });
});
