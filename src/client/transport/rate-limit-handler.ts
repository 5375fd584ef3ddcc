import type { Clock } from '../clock';
import { LightyearError } from '../errors';
import { serverWindowHeaders, type ServerWindow } from './server-window';
import type { TokenBucket } from './token-bucket';
import type { HandlerWrapper, Transport } from './types';

/** A server's reset time further out than this is taken for clock skew and not waited for. */
const MAX_PAUSE_MS = 60_000;

/**
 * Paces every attempt through the shared token bucket, and lets the server's own accounting steer it: the
 * server's window (`ServerWindow`, fed by `observeServerWindow` at the wire) holds requests back before the
 * key's budget is spent, and a 429 with `Retry-After`, or `X-RateLimit-Remaining: 0`, pauses the bucket for
 * every caller of this client, not only the one that was told.
 */
export function rateLimitHandler(bucket: TokenBucket, window: ServerWindow, clock: Clock): HandlerWrapper {
  const pauseFor = (ms: number) => bucket.pauseUntil(clock.now() + Math.min(ms, MAX_PAUSE_MS));
  return (next) => async (request) => {
    await bucket.take(request.signal);
    const admission = await window.admit(request.signal);
    try {
      const response = await next(request);
      const reset = Number(response.headers['x-ratelimit-reset']);
      if (response.headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
        pauseFor(reset * 1000 - clock.now());
      }
      return response;
    } catch (err) {
      if (err instanceof LightyearError && err.status === 429 && err.retryAfterMs !== undefined) {
        pauseFor(err.retryAfterMs);
      }
      throw err;
    } finally {
      window.done(admission);
    }
  };
}

/**
 * Feeds every answer's rate-limit headers to the window, error answers included (which reach the handlers
 * above only as typed errors, without their headers).
 */
export function observeServerWindow(transport: Transport, window: ServerWindow): Transport {
  return async (request) => {
    const raw = await transport(request);
    const seen = serverWindowHeaders(raw.headers);
    if (seen === undefined) window.observeSilence();
    else window.observe(seen.remaining, seen.resetAtMs);
    return raw;
  };
}
