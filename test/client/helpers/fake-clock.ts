import type { Clock } from '../../../src/client/clock';
import { abortableSleep } from '../../../src/client/clock';

/**
 * A clock whose sleeps return at once and move time forward to when they would have ended. Concurrent sleeps
 * overlap like real ones (time advances to the latest end, not the sum), and each requested wait is recorded.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    const end = this.time + ms;
    await abortableSleep(0, signal);
    this.time = Math.max(this.time, end);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
