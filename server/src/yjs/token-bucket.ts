/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. A connection may burst up to the
 * capacity, then is held to the refill rate. Time comes from the caller so the bucket stays pure.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Takes `cost` tokens if there are enough; returns whether it could. */
  take(cost: number, now: number): boolean {
    this.#refill(now);
    if (cost > this.#tokens) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Takes `cost` tokens even if that leaves the bucket in debt (for costs known only afterwards). */
  charge(cost: number, now: number): void {
    this.#refill(now);
    this.#tokens -= cost;
  }

  /** Whether the bucket is in debt (after {@link charge}). */
  exhausted(now: number): boolean {
    this.#refill(now);
    return this.#tokens < 0;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#at) / 1000;
    this.#at = now;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.perSecond);
  }
}
