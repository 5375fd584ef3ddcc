import { version } from '../../package.json';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Endpoint } from './endpoint';
import { DEFAULT_ENDPOINT, parseEndpoint } from './endpoint';
import { LightyearConfigError } from './errors';
import { secretRedactor } from './redact';

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
  /** Per attempt, from sending the request to having read the whole response. @default 30000 */
  timeoutMs?: number;
  /**
   * The largest response body the client reads, in bytes; a larger one fails the call with
   * `LightyearResponseTooLargeError` as soon as it passes the limit. The biggest API answer (a full
   * page of 100 objects) is far below it. @default 16 MiB
   */
  maxResponseBytes?: number;
  /** Aborts every in-flight and future call (the provider's StopProvider). */
  signal?: AbortSignal;
  /** A CA certificate (PEM) to trust, e.g. that of a local cloud serving `--tls`. */
  ca?: string | Buffer;
  /** Receives one line per attempt and per retry decision; never headers, bodies or the API key. */
  log?: (line: string) => void;
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
  signal: AbortSignal | undefined;
  ca: string | Buffer | undefined;
  log: (line: string) => void;
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
  const log = options.log;
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
    signal: options.signal,
    ca: options.ca,
    log: log === undefined ? () => undefined : (line) => log(redact(line)),
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
