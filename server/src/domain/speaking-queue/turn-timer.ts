import type { TurnTimerView } from '../../../../shared/views-speaking-queue';
import type { QueueState } from './queue-types';
import { TIMER_WARNING_FRACTION, TIMER_WARNING_MS } from './queue-view';

/**
 * The current turn's timer in absolute server time, so that screens count down locally. The warning
 * starts where the queue's views start it: at most 20 % of the duration or at most 30 s left.
 */
export function turnTimerView(state: QueueState, now: number): TurnTimerView | null {
  const turn = state.speaking;
  if (turn === null || turn.timer === null) return null;
  const { startedAt, durationMs } = turn.timer;
  const endsAt = startedAt + durationMs;
  const warningAt = Math.max(startedAt, endsAt - Math.max(TIMER_WARNING_MS, durationMs * TIMER_WARNING_FRACTION));
  const phase = now >= endsAt ? 'time_up' : now >= warningAt ? 'warning' : 'running';
  return { ticketNumber: turn.ticket.number, startedAt, durationMs, warningAt, endsAt, phase, serverNow: now };
}

interface Watched {
  startedAt: number;
  warningAt: number;
  endsAt: number;
  phase: TurnTimerView['phase'];
}

/**
 * Remembers the running timers this process has seen, to tell when one reaches its warning or its
 * end. Fed with every state the service reads or writes, so a restarted process re-learns the timers
 * of active queues on its first sweep.
 */
export class TimerWatch {
  readonly #timers = new Map<string, Watched>();

  /** Follows the timer of this state (or forgets the workshop's timer when there is none). */
  track(workshopId: string, state: QueueState, now: number): void {
    const view = turnTimerView(state, now);
    if (view === null) {
      this.#timers.delete(workshopId);
      return;
    }
    const known = this.#timers.get(workshopId);
    if (known?.startedAt === view.startedAt && known.endsAt === view.endsAt) return;
    this.#timers.set(workshopId, { startedAt: view.startedAt, warningAt: view.warningAt, endsAt: view.endsAt, phase: view.phase });
  }

  /** Workshops whose timer changed phase since the last call. */
  crossed(now: number): string[] {
    const changed: string[] = [];
    for (const [workshopId, timer] of this.#timers) {
      const phase = now >= timer.endsAt ? 'time_up' : now >= timer.warningAt ? 'warning' : 'running';
      if (phase === timer.phase) continue;
      timer.phase = phase;
      changed.push(workshopId);
      // Nothing more will happen to a timer that is up; the turn goes on until the facilitator ends it.
      if (phase === 'time_up') this.#timers.delete(workshopId);
    }
    return changed;
  }
}
