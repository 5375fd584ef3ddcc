import { version } from '../../package.json';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Endpoint } from './endpoint';
import { DEFAULT_ENDPOINT, parseEndpoint } from './endpoint';
import { LightyearConfigError } from './errors';
import { redactDeep, secretRedactor } from './redact';
import type { ClientLogEvent } from './transport/log-events';
import { formatLogEvent } from './transport/log-events';

export interface LightyearClientOptions {
  /** The API key, sent as `Authorization: Bearer <key>`. Never written to a message, log line or `inspect()`. */
  apiKey: string;
  /** @default 'https://api.lightyear.host/v1'. `http://` only to loopback hosts; no path means `/v1`. */
  endpoint?: string;
  /** Prepended to the client's own `lightyear-client/<version>` product token, e.g. `terraform-provider-lightyear/0.1.0`. */
  userAgent?: string;
  /**
   * Client-side limit. A token bucket holding one second's worth of requests smooths bursts (a refresh of 300
   * resources) instead of letting them run into the API's 429s. `Infinity` turns the limiter off.
   * @default 600, the API's own per-key limit
   */
  requestsPerMinute?: number;
  /**
   * How many requests may go at once before pacing starts. The API counts per key per minute, so a whole
   * minute's budget can go in a burst (a refresh of 200 resources need not crawl at 10 per second).
   * @default requestsPerMinute
   */
  rateLimitBurst?: number;
  /** Retries after the first attempt. @default 4 */
  maxRetries?: number;
  /** First backoff step; doubles per retry, with jitter. @default 500 */
  retryBaseDelayMs?: number;
  /** Cap on one backoff wait. A `Retry-After` longer than this is not waited out: the 429/503 is thrown. @default 60000 */
  maxRetryDelayMs?: number;
  /**
   * Per attempt, from sending the request to having read the whole response. Every operation of the API answers
   * in well under a second (slow work such as provisioning is asynchronous), so an attempt still unanswered
   * after 30 s is stuck, and a fresh connection is the better bet. @default 30000
   */
  timeoutMs?: number;
  /**
   * The largest response body the client reads, in bytes; a larger one fails the call with
   * `LightyearResponseTooLargeError` as soon as it passes the limit. The biggest API answer (a full
   * page of 100 objects) is far below it. @default 16 MiB
   */
  maxResponseBytes?: number;
  /**
   * Bound on one whole call: every attempt, the backoff between them, `Retry-After` waits and rate-limit
   * pacing. It is what makes a hung endpoint a failure instead of a hung pipeline. Two minutes leaves room for
   * four full attempts, or a one-minute `Retry-After` and then some, while a run against a dead endpoint still
   * ends in minutes. `Infinity` turns it off. @default 120000
   */
  deadlineMs?: number;
  /** Aborts every in-flight and future call (the provider's StopProvider). */
  signal?: AbortSignal;
  /** A CA certificate (PEM) to trust, e.g. that of a local cloud serving `--tls`. */
  ca?: string | Buffer;
  /** Receives one line per attempt and per retry decision; never headers, bodies or the API key. */
  log?: (line: string) => void;
  /**
   * Receives the same events as `log`, structured (for a logger with fields, like the provider's hclog), plus
   * the redacted bodies when `logBodies` is set. The API key is redacted from every string in them.
   */
  onLogEvent?: (event: ClientLogEvent) => void;
  /** Also report request and answer bodies, redacted, to `onLogEvent`. @default false */
  logBodies?: boolean;
  /** Time source for the limiter, backoff and poller. For tests. @default the system clock */
  clock?: Clock;
}

/** Options after validation and defaults: what the transport is built from. */
export interface ResolvedOptions {
  apiKey: string;
  endpoint: Endpoint;
  userAgent: string;
  requestsPerMinute: number;
  rateLimitBurst: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  deadlineMs: number;
  signal: AbortSignal | undefined;
  ca: string | Buffer | undefined;
  log: (line: string) => void;
  /** Every log event, redacted, to both `log` (as a line) and `onLogEvent`. */
  emit: (event: ClientLogEvent) => void;
  logBodies: boolean;
  clock: Clock;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export const CLIENT_USER_AGENT = `lightyear-client/${version} node/${process.versions.node}`;

export function resolveOptions(options: LightyearClientOptions): ResolvedOptions {
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey.trim() : '';
  if (apiKey === '') {
    throw new LightyearConfigError(
      'an API key is required (apiKey is empty); create one in the LightYear console',
    );
  }
  if (
    [...apiKey].some((char) => char.trim() === '' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
  ) {
    throw new LightyearConfigError(
      'the API key contains whitespace or control characters; check how it was pasted',
    );
  }
  const redact = secretRedactor([apiKey]);
  let endpoint: Endpoint;
  try {
    endpoint = parseEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
  } catch (err) {
    // The endpoint is echoed in the message; if the key was passed as the endpoint by mistake, it must not show.
    throw err instanceof LightyearConfigError ? new LightyearConfigError(redact(err.message)) : err;
  }
  const userLog = options.log;
  const log = userLog === undefined ? () => undefined : (line: string) => userLog(redact(line));
  const onLogEvent = options.onLogEvent;
  const requestsPerMinute = positive('requestsPerMinute', options.requestsPerMinute ?? 600, {
    allowInfinity: true,
  });
  return {
    apiKey,
    endpoint,
    userAgent:
      options.userAgent === undefined ? CLIENT_USER_AGENT : `${options.userAgent} ${CLIENT_USER_AGENT}`,
    requestsPerMinute,
    rateLimitBurst: positive('rateLimitBurst', options.rateLimitBurst ?? requestsPerMinute, {
      allowInfinity: true,
    }),
    maxRetries: wholeNumber('maxRetries', options.maxRetries ?? 4),
    retryBaseDelayMs: wholeNumber('retryBaseDelayMs', options.retryBaseDelayMs ?? 500),
    maxRetryDelayMs: wholeNumber('maxRetryDelayMs', options.maxRetryDelayMs ?? 60_000),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? 30_000, { allowInfinity: false }),
    maxResponseBytes: positiveWhole(
      'maxResponseBytes',
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    ),
    deadlineMs: positive('deadlineMs', options.deadlineMs ?? 120_000, { allowInfinity: true }),
    signal: options.signal,
    ca: options.ca,
    log,
    emit: (event) => {
      const line = formatLogEvent(event);
      if (line !== undefined) log(line);
      onLogEvent?.(redactDeep(event, redact));
    },
    logBodies: options.logBodies === true && onLogEvent !== undefined,
    clock: options.clock ?? systemClock,
  };
}

function positive(name: string, value: number, { allowInfinity }: { allowInfinity: boolean }): number {
  const finiteOk = Number.isFinite(value) && value > 0;
  if (!finiteOk && !(allowInfinity && value === Infinity)) {
    throw new LightyearConfigError(`${name} must be a positive number (got ${String(value)})`);
  }
  return value;
}

function positiveWhole(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new LightyearConfigError(`${name} must be a whole number of bytes ≥ 1 (got ${String(value)})`);
  }
  return value;
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new LightyearConfigError(`${name} must be a whole number ≥ 0 (got ${String(value)})`);
  }
  return value;
}
