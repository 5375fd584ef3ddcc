import type { LightyearApiError } from './errors';
import { LightyearWaitTimeoutError, isBusyError } from './errors';
import type { WaitForOptions } from './wait-for';
import { waitFor } from './wait-for';

export type RetryWhileBusyOptions = Omit<
  WaitForOptions<unknown>,
  'poll' | 'until' | 'describeLast' | 'onPoll'
> & {
  /** Called with each busy refusal before the next try: for a progress line or a log. */
  onBusy?: (err: LightyearApiError, elapsedMs: number) => void;
};

type Outcome<T> = { done: true; value: T } | { done: false; busy: LightyearApiError };

/**
 * Sends a call again while the API answers that the object is busy (`isBusyError`: an instance still
 * provisioning, a volume not yet active), with `waitFor`'s backoff, abort and deadline. Any other error ends
 * it at once. On timeout the `LightyearWaitTimeoutError`'s `lastSeen` is the last busy refusal.
 *
 * ```ts
 * await retryWhileBusy((signal) => client.blocks.attach(blockId, instanceId, { signal }), {
 *   description: `volume ${blockId} to attach to ${instanceId}`,
 *   timeoutMs: 5 * 60_000,
 * });
 * ```
 */
export async function retryWhileBusy<T>(
  call: (signal: AbortSignal | undefined) => Promise<T>,
  options: RetryWhileBusyOptions,
): Promise<T> {
  const { onBusy, ...wait } = options;
  try {
    const outcome = await waitFor({
      ...wait,
      poll: (signal) =>
        call(signal).then(
          (value): Outcome<T> => ({ done: true, value }),
          (err: unknown): Outcome<T> => {
            if (!isBusyError(err)) throw err;
            return { done: false, busy: err };
          },
        ),
      until: (result): result is Outcome<T> & { done: true } => result.done,
      describeLast: (result) => (result.done ? 'done' : result.busy.apiMessage),
      onPoll: (result, elapsedMs) => {
        if (!result.done) onBusy?.(result.busy, elapsedMs);
      },
    });
    return outcome.value;
  } catch (err) {
    if (err instanceof LightyearWaitTimeoutError) {
      const last = err.lastSeen as Outcome<T>;
      throw new LightyearWaitTimeoutError(err.message, {
        description: err.description,
        timeoutMs: err.timeoutMs,
        polls: err.polls,
        lastSeen: last.done ? last.value : last.busy,
      });
    }
    throw err;
  }
}
