import { describe, expect, it } from 'vitest';
import { DEFAULT_GRACE_MS, initialQueueState, orderWaiting } from '../../../server/src/domain/speaking-queue/queue-machine';
import { errorCode, ok, raise, run } from './queue-helpers';

const twoWaiting = () => run(initialQueueState(), [[raise('a'), 0], [raise('b'), 0]]);

describe('disconnect and reconnect', () => {
  it('keeps the ticket of a participant who comes back within the grace period', () => {
    const away = ok(twoWaiting(), { type: 'disconnect', participantId: 'a' }, 1_000);
    expect(away.events).toEqual([{ type: 'ticket_away', ticketNumber: 1 }]);
    const back = ok(away.state, { type: 'reconnect', participantId: 'a' }, 1_000 + DEFAULT_GRACE_MS);
    expect(back.events).toEqual([{ type: 'ticket_back', ticketNumber: 1 }]);
    const later = ok(back.state, { type: 'expire' }, 10 * DEFAULT_GRACE_MS);
    expect(later.events).toEqual([]);
    expect(orderWaiting(later.state).map((t) => t.number)).toEqual([1, 2]);
  });

  it('does not restart the grace period when a disconnect is reported twice', () => {
    const state = run(twoWaiting(), [
      [{ type: 'disconnect', participantId: 'a' }, 0],
      [{ type: 'disconnect', participantId: 'a' }, 60_000],
    ]);
    expect(ok(state, { type: 'expire' }, DEFAULT_GRACE_MS + 1).events).toEqual([{ type: 'ticket_dropped', ticketNumber: 1 }]);
  });

  it('ignores presence changes of participants without a waiting ticket', () => {
    const state = twoWaiting();
    expect(ok(state, { type: 'disconnect', participantId: 'nobody' }, 0)).toEqual({ state, events: [] });
    expect(ok(state, { type: 'reconnect', participantId: 'a' }, 0)).toEqual({ state, events: [] });
  });
});

describe('expire', () => {
  it('drops a ticket only once its owner has been away longer than the grace period', () => {
    const away = run(twoWaiting(), [[{ type: 'disconnect', participantId: 'a' }, 1_000]]);
    expect(ok(away, { type: 'expire' }, 1_000 + DEFAULT_GRACE_MS).events).toEqual([]);
    const expired = ok(away, { type: 'expire' }, 1_001 + DEFAULT_GRACE_MS);
    expect(expired.events).toEqual([{ type: 'ticket_dropped', ticketNumber: 1 }]);
    expect(orderWaiting(expired.state).map((t) => t.number)).toEqual([2]);
  });

  it('honours a grace period set for the workshop', () => {
    const state = run(initialQueueState({ graceMs: 5_000 }), [
      [raise('a'), 0],
      [{ type: 'disconnect', participantId: 'a' }, 0],
    ]);
    expect(ok(state, { type: 'expire' }, 5_001).events).toEqual([{ type: 'ticket_dropped', ticketNumber: 1 }]);
  });

  it('never serves an expired ticket, even when expire was not called in time', () => {
    const away = run(twoWaiting(), [[{ type: 'disconnect', participantId: 'a' }, 0]]);
    const next = ok(away, { type: 'give_next' }, DEFAULT_GRACE_MS + 1);
    expect(next.events).toEqual([
      { type: 'ticket_dropped', ticketNumber: 1 },
      { type: 'turn_started', ticketNumber: 2 },
    ]);
    expect(errorCode(away, { type: 'give', ticketNumber: 1 }, DEFAULT_GRACE_MS + 1)).toBe('ticket_not_found');
  });

  it('lets a participant whose ticket expired raise a new hand with a new number', () => {
    const away = run(twoWaiting(), [[{ type: 'disconnect', participantId: 'a' }, 0]]);
    const again = ok(away, raise('a'), DEFAULT_GRACE_MS + 1);
    expect(again.events).toEqual([
      { type: 'ticket_dropped', ticketNumber: 1 },
      { type: 'hand_raised', ticketNumber: 3, kind: null },
    ]);
  });

  it('leaves the turn in progress alone: only the facilitator ends a turn', () => {
    const speaking = run(twoWaiting(), [
      [{ type: 'give_next' }, 0],
      [{ type: 'disconnect', participantId: 'a' }, 0],
    ]);
    const later = ok(speaking, { type: 'expire' }, 10 * DEFAULT_GRACE_MS);
    expect(later.events).toEqual([]);
    expect(later.state.speaking?.ticket.number).toBe(1);
  });
});
