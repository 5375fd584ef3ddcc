import type { Clock } from '../clock';
import type { Redactor } from '../redact';
import { authHandler } from './auth-handler';
import { bodyTraceTransport } from './body-trace';
import { deadlineHandler } from './deadline-handler';
import type { ClientLogEvent } from './log-events';
import { logHandler } from './log-handler';
import { parseHandler } from './parse-handler';
import { observeServerWindow, rateLimitHandler } from './rate-limit-handler';
import { ServerWindow } from './server-window';
import { retryHandler } from './retry-handler';
import type { RetrySettings } from './retry-policy';
import { TokenBucket } from './token-bucket';
import type { Handler, HandlerWrapper, Transport } from './types';

export interface ChainOptions {
  apiKey: string;
  /** Named in the deadline error. */
  endpointHref: string;
  /** `Infinity` leaves the limiter out. */
  requestsPerMinute: number;
  /** Tokens available at once; see `LightyearClientOptions.rateLimitBurst`. */
  rateLimitBurst: number;
  retry: RetrySettings;
  /** Bound on one whole call; `Infinity` leaves the deadline out. */
  deadlineMs: number;
  clock: Clock;
  /** Receives every log event, already redacted. */
  emit: (event: ClientLogEvent) => void;
  /** Whether to trace request and answer bodies (redacted); off unless asked, it costs a copy per call. */
  logBodies: boolean;
  redact: Redactor;
}

/**
 * The transport as an explicit, ordered chain. The order matters; outermost first:
 *
 * 1. auth — sets the Bearer header once per logical call.
 * 2. deadline — bounds the whole call, retries and waits included.
 * 3. retry — repeats the rest of the chain on transient failures, with backoff and `Retry-After`.
 * 4. rate limit — takes a token per *attempt*: the API counts every attempt against the key's budget, so a
 *    limiter outside the retry loop would let retries overrun it.
 * 5. log — one event per attempt with its outcome and request id.
 * 6. parse — turns the wire answer into a validated value or a typed error, which is what retry decides on.
 * 7. the transport — one HTTP exchange (traced with its bodies when asked).
 */
export function buildHandlerChain(transport: Transport, options: ChainOptions): Handler {
  const limited = options.requestsPerMinute !== Infinity;
  const window = new ServerWindow(options.clock);
  const wrappers: HandlerWrapper[] = [
    authHandler(options.apiKey),
    ...(options.deadlineMs === Infinity
      ? []
      : [deadlineHandler(options.deadlineMs, options.clock, options.endpointHref)]),
    retryHandler(options.retry, options.clock, options.emit),
    ...(limited
      ? [
          rateLimitHandler(
            new TokenBucket(options.requestsPerMinute, options.clock, options.rateLimitBurst),
            window,
            options.clock,
          ),
        ]
      : []),
    logHandler(options.emit, options.clock),
  ];
  const observed = limited ? observeServerWindow(transport, window) : transport;
  const wire = options.logBodies
    ? bodyTraceTransport(observed, { emit: options.emit, redact: options.redact })
    : observed;
  const innermost = parseHandler(wire, { redact: options.redact, clock: options.clock });
  return wrappers.reduceRight<Handler>((next, wrap) => wrap(next), innermost);
}
