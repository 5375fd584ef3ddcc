/** An abort signal that follows other signals, and can be unhooked from them once its operation is over. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Aborts this signal only (a per-attempt timeout), leaving the sources alone. */
  abort(): void;
  /** Removes the listeners from the sources. Call when the operation ends, however it ends. */
  dispose(): void;
}

/**
 * Like `AbortSignal.any`, but explicitly disposable. Node 20's `AbortSignal.any` keeps every combined signal
 * referenced from its sources (nodejs/node#55351), and the client combines its own signal — alive for the
 * provider's whole run — with one per call and per attempt; over a large refresh that is a steady leak.
 */
export function linkSignals(sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const present = sources.filter((source): source is AbortSignal => source !== undefined);
  const onAbort = () => controller.abort();
  const dispose = () => {
    for (const source of present) source.removeEventListener('abort', onAbort);
  };
  for (const source of present) {
    if (source.aborted) {
      controller.abort();
      break;
    }
    source.addEventListener('abort', onAbort, { once: true });
  }
  if (controller.signal.aborted) dispose();
  return { signal: controller.signal, abort: onAbort, dispose };
}
