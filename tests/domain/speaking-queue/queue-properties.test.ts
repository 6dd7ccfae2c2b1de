import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialQueueState, publicView, type QueueMode, type QueueState } from '../../../server/src/domain/speaking-queue/queue-machine';
import { QueueModel, scenario, type Decision, type Step } from './queue-simulation';

interface Outcome {
  model: QueueModel;
  state: QueueState;
  now: number;
}

/** Runs a scenario against the machine; every step is checked against the model as it goes. */
function play(mode: QueueMode, steps: readonly (readonly [Step, number])[]): Outcome {
  const model = new QueueModel(mode);
  let state = initialQueueState({ mode });
  let now = 1_000;
  for (const [s, delay] of steps) {
    now += delay;
    state = model.step(state, model.resolve(s), now);
  }
  return { model, state, now };
}

/** Checks a rule on every successful give_next of many random scenarios. */
function everyDecision(rule: (decision: Decision) => void, steps?: fc.Arbitrary<Step>): void {
  fc.assert(
    fc.property(scenario(steps), ({ mode, steps: list }) => {
      for (const decision of play(mode, list).model.decisions) rule(decision);
    }),
  );
}

// Shrinking a failing scenario can outlast the default timeout; a counterexample is worth the wait.
describe('speaking queue under random command sequences', { timeout: 90_000 }, () => {
  it('never loses a ticket, never serves one twice, keeps one open hand per person and stays JSON-safe and anonymous', () => {
    fc.assert(fc.property(scenario(), ({ mode, steps }) => void play(mode, steps)));
  });

  it('serves every waiting ticket, one per call, when the facilitator keeps calling next and ending turns', () => {
    fc.assert(
      fc.property(scenario(), ({ mode, steps }) => {
        const { model, now, state: played } = play(mode, steps);
        let state = played;
        const waitingBefore = model.waiting();
        let t = now;
        for (let call = 0; call < waitingBefore.length; call += 1) {
          t += 1_000;
          state = model.step(state, { type: 'give_next' }, t);
        }
        t += 1_000;
        if (state.speaking !== null) state = model.step(state, { type: 'end_turn' }, t);
        expect(publicView(state, t).waiting).toEqual([]);
        // A refused command changes nothing, so an expired ticket may stay stored until the next expire.
        state = model.step(state, { type: 'expire' }, t);
        expect(state.waiting).toEqual([]);
        for (const ticket of waitingBefore) {
          // Only a ticket whose owner was already away when the drain began may be dropped instead.
          if (ticket.status === 'dropped') expect(ticket.awaySince).not.toBeNull();
          else expect(ticket.status).toBe('served');
        }
      }),
    );
  });

  it('in fifo, gives the floor to the earliest raised waiting ticket', () => {
    everyDecision((d) => {
      if (d.mode !== 'fifo') return;
      expect(d.chosen.number).toBe(Math.min(...d.candidates.map((c) => c.number)));
    });
  });

  it('in fifo without any chosen ticket or mode change, serves in raise order', () => {
    const fifoOnly = scenario().map(({ steps }) => ({
      mode: 'fifo' as const,
      steps: steps.filter(([s]) => s.kind !== 'give_pick' && s.kind !== 'set_mode'),
    }));
    fc.assert(
      fc.property(fifoOnly, ({ mode, steps }) => {
        const { started } = play(mode, steps).model;
        expect(started).toEqual([...started].sort((a, b) => a - b));
      }),
    );
  });

  it('in first_time_first, never serves a repeat speaker while a first-timer waits, and keeps raise order among equals', () => {
    everyDecision((d) => {
      if (d.mode !== 'first_time_first') return;
      if (d.candidates.some((c) => c.firstTime)) expect(d.chosen.firstTime).toBe(true);
      const equals = d.candidates.filter((c) => c.firstTime === d.chosen.firstTime);
      expect(d.chosen.number).toBe(Math.min(...equals.map((c) => c.number)));
    });
  });

  it('in alternate_standpoints, picks a standpoint with the least speaking time, then fewest turns, then the earliest ticket', () => {
    everyDecision((d) => {
      if (d.mode !== 'alternate_standpoints') return;
      const leastTime = Math.min(...d.candidates.map((c) => c.speakingMs));
      expect(d.chosen.speakingMs).toBe(leastTime);
      const leastTurns = Math.min(...d.candidates.filter((c) => c.speakingMs === leastTime).map((c) => c.turns));
      expect(d.chosen.turns).toBe(leastTurns);
      const tied = d.candidates.filter((c) => c.speakingMs === leastTime && c.turns === leastTurns);
      expect(d.chosen.number).toBe(Math.min(...tied.map((c) => c.number)));
    });
  });
});
