import type { Clock } from '../clock';
import { LightyearConnectionError, LightyearError } from '../errors';
import type { HandlerWrapper } from './types';

/**
 * One line per attempt: method, path, outcome, time, request id. Headers and bodies are never written, so the
 * log is safe to attach to a support ticket.
 */
export function logHandler(log: (line: string) => void, clock: Clock): HandlerWrapper {
  return (next) => async (request) => {
    const started = clock.now();
    const head = `${request.method} ${request.path}`;
    const took = () => `${Math.round(clock.now() - started)} ms`;
    const attempt = request.attempt > 1 ? `, attempt ${request.attempt}` : '';
    try {
      const response = await next(request);
      log(`${head} -> ${response.status} in ${took()}${requestIdPart(response.requestId)}${attempt}`);
      return response;
    } catch (err) {
      const outcome =
        err instanceof LightyearConnectionError
          ? `${err.code} (${err.reason})`
          : err instanceof LightyearError
            ? `${err.status ?? err.code}`
            : 'error';
      const requestId = err instanceof LightyearError ? err.requestId : undefined;
      log(`${head} -> ${outcome} in ${took()}${requestIdPart(requestId)}${attempt}`);
      throw err;
    }
  };
}

function requestIdPart(requestId: string | undefined): string {
  return requestId === undefined ? '' : ` (${requestId})`;
}
