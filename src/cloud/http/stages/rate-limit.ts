import type { CloudClock } from '../../clock';
import { RateLimitExceededError } from '../../errors';
import type { Stage } from '../pipeline';

/** The contract's figure: 600 requests per minute per API key. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

const WINDOW_MS = 60_000;

/**
 * Whether a configured limit means "no limit": 0 and Infinity both turn rate limiting off (0 reads as
 * "unlimited" in most tools' flags, and a cloud that refuses every request is never what anyone wants).
 * Anything else must be a positive whole number.
 */
export function isRateLimitOff(limitPerMinute: number): boolean {
  if (limitPerMinute === 0 || limitPerMinute === Infinity) return true;
  if (!Number.isSafeInteger(limitPerMinute) || limitPerMinute < 0) {
    throw new RangeError(
      `rateLimitPerMinute must be a positive whole number, or 0 or Infinity for no limit (got ${limitPerMinute})`,
    );
  }
  return false;
}

/**
 * Per API key, fixed windows aligned to the clock's minutes: a key may make `limitPerMinute` requests
 * in each window, and `X-RateLimit-Reset` is the window's end in unix seconds. Fixed windows are what the
 * headers describe exactly (a sliding window has no single reset time). Every answer to an authenticated
 * request carries the three headers, errors included; a refused request does not count against the key.
 *
 * Counts live in memory: they only matter for a minute, and a restart forgetting them is harmless.
 */
export function rateLimit(clock: CloudClock, limitPerMinute: number): Stage {
  if (isRateLimitOff(limitPerMinute)) return (_ctx, next) => next();
  /** Requests admitted per API key id in the current window. */
  const counts = new Map<string, number>();
  let currentStartMs = 0;

  return async (ctx, next) => {
    const principal = ctx.principal;
    if (principal === undefined) {
      await next();
      return;
    }
    const nowMs = clock.nowMs();
    const startMs = nowMs - (nowMs % WINDOW_MS);
    if (startMs !== currentStartMs) {
      // A new minute: every key's count starts again, and keys that went quiet are forgotten.
      counts.clear();
      currentStartMs = startMs;
    }
    const endMs = startMs + WINDOW_MS;
    const used = counts.get(principal.apiKeyId) ?? 0;
    const admitted = used < limitPerMinute;
    const count = admitted ? used + 1 : used;
    counts.set(principal.apiKeyId, count);
    ctx.res.setHeader('X-RateLimit-Limit', String(limitPerMinute));
    ctx.res.setHeader('X-RateLimit-Remaining', String(limitPerMinute - count));
    ctx.res.setHeader('X-RateLimit-Reset', String(endMs / 1000));
    if (!admitted) {
      throw new RateLimitExceededError(limitPerMinute, Math.max(1, Math.ceil((endMs - nowMs) / 1000)));
    }
    await next();
  };
}
