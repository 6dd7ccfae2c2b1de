import type { Clock } from '../../server/src/domain/clock';

/**
 * The server's time while the demo replays meetings of the past: real time shifted to the meeting's
 * date, which the replay moves forward (never back) to let a speaking turn last or an hour pass.
 */
export class ReplayClock implements Clock {
  /** Null until the first jump: real time. */
  #offsetMs: number | null = null;

  now(): Date {
    return new Date(Date.now() + (this.#offsetMs ?? 0));
  }

  /** Sets the clock to `at` the first time; afterwards, only if `at` is later than the clock's time. */
  jumpTo(at: Date | string): void {
    const offset = new Date(at).getTime() - Date.now();
    if (this.#offsetMs === null || offset > this.#offsetMs) this.#offsetMs = offset;
  }

  /** Lets `seconds` pass at once. */
  advance(seconds: number): void {
    this.#offsetMs = (this.#offsetMs ?? 0) + seconds * 1000;
  }
}
