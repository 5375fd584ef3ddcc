import { LightyearAbortedError } from './errors';

/**
 * Time as the client sees it. Injected so the rate limiter, retry backoff and poller can be tested without
 * waiting for real seconds to pass.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with `LightyearAbortedError` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LightyearAbortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LightyearAbortedError());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throws `LightyearAbortedError` when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LightyearAbortedError();
}
