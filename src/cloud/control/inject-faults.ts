import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, type ErrorCode } from '../../api';
import { ApiError } from '../errors';
import type { Stage } from '../http/pipeline';
import type { FaultInjector } from './fault-injector';
import { isApiPath } from '../http/paths';

/** The answer of a status fault: the contract's error envelope with the code that has this status. */
export class InjectedFaultError extends ApiError {
  constructor(status: number, retryAfterSeconds: number | null) {
    super(
      codeForStatus(status),
      `Fault injected by the local cloud (/_local/faults): this request was answered with ${status}.`,
      { injected_fault: true },
      retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** The first code of the contract's table with this status (409 is `conflict`). */
function codeForStatus(status: number): ErrorCode {
  const entry = Object.entries(ERROR_CODES).find(([, codeStatus]) => codeStatus === status);
  if (entry === undefined) throw new RangeError(`no error code of the contract has status ${status}`);
  return entry[0] as ErrorCode;
}

/**
 * Applies armed faults to `/v1` requests, before authentication and before the body is read, so a fault
 * hits whatever request matches, and a faulted request changes nothing — unless it was armed
 * `after_handling`, when the request runs first and only its answer is lost. A status fault answers with the
 * error envelope; a delay holds the request, then lets it run; a drop destroys the connection unanswered.
 */
export function injectFaults(faults: FaultInjector): Stage {
  return async (ctx, next) => {
    if (!isApiPath(ctx.url.pathname)) return next();
    const action = faults.take(ctx.req.method ?? '', ctx.url.pathname);
    if (action === undefined) return next();
    ctx.injectedFault = action.kind;
    // Handled first, answer lost after: the change is made (and an idempotent answer remembered) by the
    // stages inside this one before the fault replaces the reply they produced.
    if (action.kind !== 'delay' && action.afterHandling) await next();
    switch (action.kind) {
      case 'status':
        throw new InjectedFaultError(action.status, action.retryAfter);
      case 'delay':
        await sleep(action.delayMs);
        return next();
      case 'drop':
        // Destroying the response (not only the socket) marks it destroyed at once, so the reply stage
        // writes nothing. The reply below is never sent; it tells the outer stages the request was handled.
        ctx.res.destroy();
        ctx.reply = { status: 500 };
        return undefined;
    }
  };
}
