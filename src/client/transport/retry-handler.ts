import type { Clock } from '../clock';
import { LightyearConnectionError } from '../errors';
import type { RetrySettings } from './retry-policy';
import { decideRetry } from './retry-policy';
import type { HandlerWrapper } from './types';

/**
 * Tries a request again after transient failures (see `decideRetry`). It resends the very same request object,
 * so a POST keeps the Idempotency-Key it was given once for the logical call. The wait between attempts is cut
 * short by the request's signal.
 */
export function retryHandler(
  settings: RetrySettings,
  clock: Clock,
  log: (line: string) => void,
): HandlerWrapper {
  return (next) => async (request) => {
    for (let attempt = 1; ; attempt++) {
      request.attempt = attempt;
      try {
        return await next(request);
      } catch (err) {
        const decision = decideRetry(err, request, attempt, settings);
        if (!decision.retry) {
          throw err instanceof LightyearConnectionError && attempt > 1 ? err.afterAttempts(attempt) : err;
        }
        const delay = Math.round(decision.delayMs);
        log(
          `${request.method} ${request.path}: ${decision.why}, retry ${attempt}/${settings.maxRetries} in ${delay} ms`,
        );
        await clock.sleep(delay, request.signal);
      }
    }
  };
}
