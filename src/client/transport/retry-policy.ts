import { LightyearConnectionError, LightyearError } from '../errors';
import type { ApiRequest } from './types';

export interface RetrySettings {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1); injected so tests can pin the jitter. */
  random: () => number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; why: string };

/** Statuses that mean "the server did not act on this": repeating is harmless for any request. */
const NOT_PROCESSED = new Set([429, 503]);
/** Statuses where the server (or a gateway) may have acted before failing: repeat only what is safe to repeat. */
const MAYBE_PROCESSED = new Set([500, 502, 504]);

/**
 * Whether sending the request twice cannot do twice the work. Reads are safe, PATCH/PUT/DELETE address one
 * resource by id and converge, and a POST is safe only with an `Idempotency-Key`, which the API uses to replay
 * the first answer instead of creating again.
 */
export function isSafeToRepeat(request: Pick<ApiRequest, 'method' | 'headers'>): boolean {
  return request.method !== 'POST' || request.headers['idempotency-key'] !== undefined;
}

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so clients spread out. */
export function backoffDelay(retry: number, settings: RetrySettings): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return step / 2 + settings.random() * (step / 2);
}

/**
 * Decides whether attempt number `attempt` (1-based) failing with `err` is tried again, and after how long.
 * A `Retry-After` is honoured as given (plus up to 10 % jitter so clients do not return in lockstep); one longer
 * than `maxDelayMs` is not waited out: the error goes to the caller, who can decide with the real figure.
 */
export function decideRetry(
  err: unknown,
  request: Pick<ApiRequest, 'method' | 'headers'>,
  attempt: number,
  settings: RetrySettings,
): RetryDecision {
  if (attempt > settings.maxRetries) return { retry: false };
  const safe = isSafeToRepeat(request);
  if (err instanceof LightyearConnectionError) {
    if (!err.transient || (err.mayHaveReachedServer && !safe)) return { retry: false };
    return { retry: true, delayMs: backoffDelay(attempt, settings), why: err.reason };
  }
  if (!(err instanceof LightyearError) || err.status === undefined) return { retry: false };
  const status = err.status;
  if (!NOT_PROCESSED.has(status) && !(MAYBE_PROCESSED.has(status) && safe)) return { retry: false };
  const why = `HTTP ${status}`;
  if (err.retryAfterMs !== undefined) {
    if (err.retryAfterMs > settings.maxDelayMs) return { retry: false };
    return { retry: true, delayMs: err.retryAfterMs * (1 + 0.1 * settings.random()), why };
  }
  return { retry: true, delayMs: backoffDelay(attempt, settings), why };
}
