import type { Clock } from '../clock';
import { LightyearAbortedError } from '../errors';
import { linkSignals } from '../linked-signal';
import { deadlineError } from './connection-failures';
import type { HandlerWrapper } from './types';

/**
 * Bounds a whole call — every attempt, the waits between them and the rate limiter's pacing — by one deadline.
 * The per-attempt timeout alone let a server that accepts and never answers hold a call for attempts × timeout
 * plus backoff (2 min 37 s with the defaults), in silence.
 *
 * The deadline fires through the call's signal, so whatever is waiting (the socket, a backoff sleep, the token
 * bucket) stops at once; what the caller gets is a connection error naming the endpoint, not an "aborted".
 */
export function deadlineHandler(deadlineMs: number, clock: Clock, endpointHref: string): HandlerWrapper {
  return (next) => async (request) => {
    const call = linkSignals([request.signal]);
    let expired = false;
    // A real timer even when the clock is a test's: the socket it must interrupt runs on real time.
    const timer = setTimeout(() => {
      expired = true;
      call.abort();
    }, deadlineMs);
    const bounded = { ...request, signal: call.signal, deadline: clock.now() + deadlineMs };
    try {
      return await next(bounded);
    } catch (err) {
      if (expired && err instanceof LightyearAbortedError && !request.signal.aborted) {
        throw deadlineError(endpointHref, deadlineMs, bounded.attempt);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      call.dispose();
    }
  };
}
