import type { Clock } from '../clock';

/**
 * A token bucket holding `burst` requests, refilled continuously at `requestsPerMinute`. Callers
 * reserve a token up front (the count may go negative: that is the queue), so concurrent callers get spaced
 * waits instead of all waking at once.
 */
export class TokenBucket {
  readonly capacity: number;
  private readonly perMs: number;
  private tokens: number;
  private updatedAt: number;

  constructor(
    requestsPerMinute: number,
    private readonly clock: Clock,
    burst: number = requestsPerMinute,
  ) {
    this.capacity = Math.max(1, Math.floor(burst));
    this.perMs = requestsPerMinute / 60_000;
    this.tokens = this.capacity;
    this.updatedAt = clock.now();
  }

  /** Waits until a token is available and takes it. An abort while waiting gives the reservation back. */
  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    try {
      await this.clock.sleep(-this.tokens / this.perMs, signal);
    } catch (err) {
      this.tokens += 1;
      throw err;
    }
  }

  /** The API said the key's budget is spent: hand out nothing before `untilMs`, then resume at the steady rate. */
  pauseUntil(untilMs: number): void {
    this.refill();
    const waitMs = untilMs - this.clock.now();
    if (waitMs > 0) this.tokens = Math.min(this.tokens, 1 - waitMs * this.perMs);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}
