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
  /** Called after every poll that did not end the wait: for a progress line (`lyctl`) or a log. */
  onPoll?: (value: T, elapsedMs: number) => void;
  /** The first wait between polls. @default 500 */
  intervalMs?: number;
  /** Each wait is the previous one times this. @default 1.5 */
  backoff?: number;
  /** The longest wait between polls. @default 10000 */
  maxIntervalMs?: number;
  /** @default 600000 (10 minutes) */
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Polls until a resource reaches a state (an instance `active`, a snapshot `complete`): the settle step the
 * provider and lyctl share. Waits grow from `intervalMs` by `backoff` up to `maxIntervalMs`, so a quick
 * transition is seen quickly and a slow one does not spend the rate limit. The last poll happens at the
 * deadline, so a state reached just in time is not reported as a timeout; a timeout is a
 * `LightyearWaitTimeoutError` carrying the last value seen. Aborting stops the wait at once, also mid-sleep.
 */
export function waitFor<T, U extends T>(
  options: WaitForOptions<T> & { until: (value: T) => value is U },
): Promise<U>;
export function waitFor<T>(options: WaitForOptions<T>): Promise<T>;
export async function waitFor<T>(options: WaitForOptions<T>): Promise<T> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const backoff = options.backoff ?? 1.5;
  const maxIntervalMs = options.maxIntervalMs ?? 10_000;
  if (!(backoff >= 1)) throw new RangeError(`waitFor: backoff must be at least 1 (got ${backoff})`);
  const started = clock.now();
  const deadline = started + timeoutMs;
  let intervalMs = Math.min(options.intervalMs ?? 500, maxIntervalMs);
  for (let polls = 1; ; polls++) {
    throwIfAborted(options.signal);
    const value = await options.poll(options.signal);
    if (options.until(value)) return value;
    options.onPoll?.(value, clock.now() - started);
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      const last = options.describeLast === undefined ? '' : ` (last seen: ${options.describeLast(value)})`;
      throw new LightyearWaitTimeoutError(
        `timed out after ${formatDuration(timeoutMs)} waiting for ${options.description}${last}`,
        { description: options.description, timeoutMs, lastSeen: value, polls },
      );
    }
    await clock.sleep(Math.min(intervalMs, remaining), options.signal);
    intervalMs = Math.min(Math.round(intervalMs * backoff), maxIntervalMs);
  }
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
