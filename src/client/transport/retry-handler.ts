import type { Clock } from '../clock';
import { LightyearConnectionError } from '../errors';
import type { ClientLogEvent } from './log-events';
import type { RetrySettings } from './retry-policy';
import { decideRetry } from './retry-policy';
import type { HandlerWrapper } from './types';

/**
 * Tries a request again after transient failures (see `decideRetry`). It resends the very same request object,
 * so a POST keeps the Idempotency-Key it was given once for the logical call. The wait between attempts is cut
 * short by the request's signal, and a wait that would end past the call's deadline is not started: the
 * failure in hand says more than a deadline error a little later would.
 */
export function retryHandler(
  settings: RetrySettings,
  clock: Clock,
  emit: (event: ClientLogEvent) => void,
): HandlerWrapper {
  return (next) => async (request) => {
    for (let attempt = 1; ; attempt++) {
      request.attempt = attempt;
      try {
        return await next(request);
      } catch (err) {
        const decision = decideRetry(err, request, attempt, settings);
        const giveUp = () =>
          err instanceof LightyearConnectionError && attempt > 1 ? err.afterAttempts(attempt) : err;
        if (!decision.retry) throw giveUp();
        const delayMs = Math.round(decision.delayMs);
        const declined =
          request.deadline !== undefined && clock.now() + delayMs >= request.deadline
            ? 'deadline'
            : undefined;
        emit({
          kind: 'retry',
          method: request.method,
          path: request.path,
          attempt,
          maxRetries: settings.maxRetries,
          reason: decision.why,
          delayMs,
          declined,
        });
        if (declined !== undefined) throw giveUp();
        await clock.sleep(delayMs, request.signal);
      }
    }
  };
}
