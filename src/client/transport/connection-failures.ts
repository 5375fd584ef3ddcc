import { LightyearConnectionError } from '../errors';

interface FailureKind {
  /** Reads as "could not reach <endpoint>: <what>". */
  what: string;
  transient: boolean;
  mayHaveReachedServer: boolean;
}

/** Failures before a byte of the request left: safe to retry for any request, even a non-idempotent one. */
const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Failures after the request may have been read by the server: it may or may not have acted on it. */
const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response cut short',
};

/**
 * TLS refusals: retrying cannot help, the caller has to trust the certificate or fix the host. How to trust
 * it is the caller's vocabulary (the client's `ca` option, the provider's `ca_cert_file`), so callers add
 * that hint: `isCertificateTrustFailure` tells them when.
 */
const TLS_HINT = 'the server certificate is not trusted';
const PLAIN_HTTP =
  'the TLS handshake failed: the endpoint speaks plain HTTP, not HTTPS (use http:// in its URL; the local cloud serves HTTPS only when started with --tls)';
const TLS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: TLS_HINT,
  SELF_SIGNED_CERT_IN_CHAIN: TLS_HINT,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS_HINT,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: TLS_HINT,
  UNABLE_TO_GET_ISSUER_CERT: TLS_HINT,
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
  // What OpenSSL says when the first bytes back are not a TLS record: an `https://` endpoint answered in plain
  // HTTP, as the local cloud does unless started with --tls.
  ERR_SSL_WRONG_VERSION_NUMBER: PLAIN_HTTP,
  EPROTO: PLAIN_HTTP,
};

/** The failure's reason says the server's certificate is not trusted (self-signed, unknown CA). */
export function isCertificateTrustFailure(reason: string): boolean {
  return TLS[reason] === TLS_HINT;
}

function kindOf(code: string | undefined): FailureKind {
  if (code !== undefined) {
    const notSent = NOT_SENT[code];
    if (notSent !== undefined) return { what: notSent, transient: true, mayHaveReachedServer: false };
    const maybeSent = MAYBE_SENT[code];
    if (maybeSent !== undefined) return { what: maybeSent, transient: true, mayHaveReachedServer: true };
    const tls = TLS[code];
    if (tls !== undefined) return { what: tls, transient: false, mayHaveReachedServer: false };
    if (code === 'ENOTFOUND') return { what: 'no such host', transient: false, mayHaveReachedServer: false };
    if (code === 'UND_ERR_CLOSED' || code === 'UND_ERR_DESTROYED') {
      return { what: 'the client was closed', transient: false, mayHaveReachedServer: false };
    }
  }
  return { what: 'request failed', transient: false, mayHaveReachedServer: true };
}

/**
 * Finds the system or undici error code on an error or anywhere along its `cause` chain. Duck-typed on purpose:
 * errors from Node's core may come from another realm (jest's sandbox), where `instanceof Error` is false.
 */
function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

/** Describes a failed exchange with the server as a typed connection error. */
export function toConnectionError(err: unknown, endpointHref: string): LightyearConnectionError {
  const code = errorCode(err);
  const kind = kindOf(code);
  const suffix = code === undefined ? '' : ` (${code})`;
  return new LightyearConnectionError(`could not reach ${endpointHref}: ${kind.what}${suffix}`, {
    reason: code ?? 'unknown',
    transient: kind.transient,
    mayHaveReachedServer: kind.mayHaveReachedServer,
    attempts: 1,
    cause: err,
  });
}

export function timeoutError(endpointHref: string, timeoutMs: number): LightyearConnectionError {
  return new LightyearConnectionError(
    `no complete answer from ${endpointHref} within ${durationInWords(timeoutMs)}`,
    { reason: 'timeout', transient: true, mayHaveReachedServer: true, attempts: 1 },
  );
}

/** The call's overall deadline passed (see `deadlineHandler`); never retried, it is the end of the call. */
export function deadlineError(
  endpointHref: string,
  deadlineMs: number,
  attempts: number,
): LightyearConnectionError {
  return new LightyearConnectionError(
    `no answer from ${endpointHref} within ${durationInWords(deadlineMs)}, the deadline for one API call`,
    { reason: 'deadline', transient: false, mayHaveReachedServer: true, attempts },
  );
}

/** `500 ms`, `30 s`, `1.5 s`, `2 min`, `2 min 30 s`: how a person reads a timeout. */
export function durationInWords(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}
