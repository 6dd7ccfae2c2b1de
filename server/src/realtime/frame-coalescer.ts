/**
 * Sends at most one frame per key per interval, whatever the rate of changes. `mark(key, send)`
 * says "this key's aggregate changed"; the frame is computed by `send` when it goes out, so a burst
 * of 5,000 votes costs one query and one broadcast per interval, never one per vote.
 * The first change after a quiet period goes out on the next tick (no added latency).
 */
export class FrameCoalescer {
  readonly #pending = new Map<string, { timer: NodeJS.Timeout; send: () => unknown }>();
  readonly #lastSent = new Map<string, number>();
  readonly #running = new Set<string>();

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (error: unknown, key: string) => void = () => {},
  ) {}

  mark(key: string, send: () => unknown): void {
    const pending = this.#pending.get(key);
    if (pending) {
      pending.send = send;
      return;
    }
    const last = this.#lastSent.get(key) ?? -Infinity;
    const wait = Math.max(0, last + this.intervalMs - performance.now());
    const entry = { send, timer: setTimeout(() => void this.#fire(key), wait) };
    this.#pending.set(key, entry);
  }

  async #fire(key: string): Promise<void> {
    const entry = this.#pending.get(key);
    if (!entry) return;
    if (this.#running.has(key)) {
      // A previous frame of this key is still being computed: try again after the interval.
      entry.timer = setTimeout(() => void this.#fire(key), this.intervalMs);
      return;
    }
    this.#pending.delete(key);
    this.#lastSent.set(key, performance.now());
    this.#running.add(key);
    try {
      await entry.send();
    } catch (error) {
      this.onError(error, key);
    } finally {
      this.#running.delete(key);
      if (this.#lastSent.size > 10_000) this.#forgetOld();
    }
  }

  #forgetOld(): void {
    const horizon = performance.now() - this.intervalMs * 2;
    for (const [key, at] of this.#lastSent) if (at < horizon) this.#lastSent.delete(key);
  }

  /** Sends every pending frame now (used at shutdown and by tests that need the final state). */
  async flush(): Promise<void> {
    const keys = [...this.#pending.keys()];
    for (const key of keys) {
      const entry = this.#pending.get(key);
      if (entry) clearTimeout(entry.timer);
    }
    await Promise.all(keys.map((key) => this.#fire(key)));
  }

  close(): void {
    for (const entry of this.#pending.values()) clearTimeout(entry.timer);
    this.#pending.clear();
  }
}
