import type { Clock } from '../clock';
import type { Redactor } from '../redact';
import { authHandler } from './auth-handler';
import { logHandler } from './log-handler';
import { parseHandler } from './parse-handler';
import { rateLimitHandler } from './rate-limit-handler';
import { retryHandler } from './retry-handler';
import type { RetrySettings } from './retry-policy';
import { TokenBucket } from './token-bucket';
import type { Handler, HandlerWrapper, Transport } from './types';

export interface ChainOptions {
  apiKey: string;
  /** `Infinity` leaves the limiter out. */
  requestsPerMinute: number;
  /** Tokens available at once; see `LightyearClientOptions.rateLimitBurst`. */
  rateLimitBurst: number;
  retry: RetrySettings;
  clock: Clock;
  log: (line: string) => void;
  redact: Redactor;
}

/**
 * The transport as an explicit, ordered chain. The order matters; outermost first:
 *
 * 1. auth — sets the Bearer header once per logical call.
 * 2. retry — repeats the rest of the chain on transient failures, with backoff and `Retry-After`.
 * 3. rate limit — takes a token per *attempt*: the API counts every attempt against the key's budget, so a
 *    limiter outside the retry loop would let retries overrun it.
 * 4. log — one line per attempt with its outcome and request id.
 * 5. parse — turns the wire answer into a validated value or a typed error, which is what retry decides on.
 * 6. the transport — one HTTP exchange.
 */
export function buildHandlerChain(transport: Transport, options: ChainOptions): Handler {
  const wrappers: HandlerWrapper[] = [
    authHandler(options.apiKey),
    retryHandler(options.retry, options.clock, options.log),
    ...(options.requestsPerMinute === Infinity
      ? []
      : [
          rateLimitHandler(
            new TokenBucket(options.requestsPerMinute, options.clock, options.rateLimitBurst),
            options.clock,
          ),
        ]),
    logHandler(options.log, options.clock),
  ];
  const innermost = parseHandler(transport, { redact: options.redact, clock: options.clock });
  return wrappers.reduceRight<Handler>((next, wrap) => wrap(next), innermost);
}
