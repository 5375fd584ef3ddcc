import type { Clock } from './clock';
import { systemClock, throwIfAborted } from './clock';
import { LightyearWaitTimeoutError } from './errors';

export interface WaitForOptions<T> {
  /** Reads the current state (usually a `get`). Its errors end the wait, e.g. a 404 when the resource vanished. */
  poll: (signal: AbortSignal | undefined) => Promise<T>;
  /** True once the awaited state is reached. */
  until: (value: T) => boolean;
  /** What is awaited, for the timeout message: `instance inst_1 to become active`. */
  description: string;
  /** Summarizes the last value seen, for the timeout message: `status pending`. */
  describeLast?: (value: T) => string;
  /** @default 2000 */
  intervalMs?: number;
  /** @default 600000 (10 minutes) */
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Polls until a resource reaches a state (an instance `active`, a snapshot `complete`). The last poll happens
 * at the deadline, so a state reached just in time is not reported as a timeout. Aborting stops the wait at
 * once, also mid-sleep.
 */
export async function waitFor<T>(options: WaitForOptions<T>): Promise<T> {
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    throwIfAborted(options.signal);
    const value = await options.poll(options.signal);
    if (options.until(value)) return value;
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      const last = options.describeLast === undefined ? '' : ` (last seen: ${options.describeLast(value)})`;
      throw new LightyearWaitTimeoutError(
        `timed out after ${formatDuration(timeoutMs)} waiting for ${options.description}${last}`,
      );
    }
    await clock.sleep(Math.min(intervalMs, remaining), options.signal);
  }
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
