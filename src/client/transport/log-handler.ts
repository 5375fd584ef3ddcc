import type { Clock } from '../clock';
import { LightyearAbortedError, LightyearConnectionError, LightyearError } from '../errors';
import type { ClientLogEvent } from './log-events';
import type { HandlerWrapper } from './types';

/**
 * One event per attempt: method, path, outcome, time, request id. Headers and bodies are never part of it, so
 * the line it becomes is safe to attach to a support ticket.
 */
export function logHandler(emit: (event: ClientLogEvent) => void, clock: Clock): HandlerWrapper {
  return (next) => async (request) => {
    const started = clock.now();
    const attempt = (status: number | undefined, requestId: string | undefined, outcome: string) =>
      emit({
        kind: 'attempt',
        method: request.method,
        path: request.path,
        attempt: request.attempt,
        durationMs: clock.now() - started,
        status,
        requestId,
        outcome,
      });
    try {
      const response = await next(request);
      attempt(response.status, response.requestId, String(response.status));
      return response;
    } catch (err) {
      // The deadline ends an attempt through its signal; say so rather than "aborted", which reads as Ctrl-C.
      const deadlinePassed =
        err instanceof LightyearAbortedError &&
        request.deadline !== undefined &&
        clock.now() >= request.deadline;
      const outcome = deadlinePassed
        ? 'deadline passed'
        : err instanceof LightyearConnectionError
          ? `${err.code} (${err.reason})`
          : err instanceof LightyearError
            ? `${err.status ?? err.code}`
            : 'error';
      const answered = err instanceof LightyearError ? err : undefined;
      attempt(answered?.status, answered?.requestId, outcome);
      throw err;
    }
  };
}
