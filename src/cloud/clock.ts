/**
 * The cloud's sense of time. Everything that depends on time — lifecycles (an instance becomes active
 * `provisionMs` after it was created), webhook retry schedules, idempotency-key expiry, rate-limit windows —
 * reads it here, so tests can move time forward (`POST /_local/clock/advance`) instead of sleeping.
 * Real time still flows: advancing adds an offset.
 */
export class CloudClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** ISO 8601 UTC with milliseconds and `Z`: how the API writes every timestamp. */
  nowIso(): string {
    return this.now().toISOString();
  }

  /** Moves time forward (never back: timestamps already written must stay in the past). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
    this.offsetMs += ms;
  }
}
