/**
 * A fixed-window counter per key, in memory. Each hub process counts on its own, so behind
 * N processes an attacker gets at most N times the budget; the operator lock-out (in the
 * database) is the limit that holds across processes.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt for `key`; null when allowed, else the seconds until the window reopens. */
  hit(key: string, nowMs: number): number | null {
    let window = this.windows.get(key);
    if (!window || nowMs - window.startMs >= this.windowMs) {
      window = { startMs: nowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (this.windows.size > 100_000) this.sweep(nowMs);
    if (window.count <= this.limit) return null;
    return Math.max(1, Math.ceil((window.startMs + this.windowMs - nowMs) / 1000));
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows) {
      if (nowMs - window.startMs >= this.windowMs) this.windows.delete(key);
    }
  }
}
