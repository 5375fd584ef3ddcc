import type { ErrorCode } from '../api';
import { busyDetailsSchema, fieldErrorListSchema, resourceInUseDetailsSchema } from '../api';

/** Where an error came from: the response (if any answered) and the underlying failure. */
export interface ErrorOrigin {
  requestId?: string;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Every error the client throws is a `LightyearError` with a stable `code`, so callers branch on `code` (or
 * `instanceof`) and never on message text. Messages are one readable line: lyctl and the Terraform provider
 * show them as they are.
 */
export abstract class LightyearError extends Error {
  abstract readonly code: string;
  /** The `X-Request-Id` of the response this error came from, for support; absent when nothing answered. */
  readonly requestId: string | undefined;
  /** The HTTP status of the response this error came from; absent when nothing answered. */
  readonly status: number | undefined;
  /** How long the response's `Retry-After` asked to wait, in ms, as of its arrival. */
  readonly retryAfterMs: number | undefined;

  protected constructor(message: string, fields: ErrorOrigin = {}) {
    super(oneLine(message), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.requestId = fields.requestId;
    this.status = fields.status;
    this.retryAfterMs = fields.retryAfterMs;
  }

  /** A plain, secret-free summary for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
    };
  }
}

/** The options given to `new LightyearClient()` cannot work (bad endpoint, plain HTTP to a remote host, no key). */
export class LightyearConfigError extends LightyearError {
  readonly code = 'invalid_config';

  constructor(message: string) {
    super(message);
  }
}

/** A call was made with an argument that cannot form a request (an empty id would address the whole list). */
export class LightyearArgumentError extends LightyearError {
  readonly code = 'invalid_argument';

  constructor(message: string) {
    super(message);
  }
}

/** One of the contract's codes, or one a newer API added since this build. */
export type ApiErrorCode = ErrorCode | (string & {});

export interface ApiErrorFields extends ErrorOrigin {
  code: ApiErrorCode;
  message: string;
  status: number;
  details?: Record<string, unknown>;
  field?: string;
  reason?: string;
}

/** One refused request field: its path as the API writes it (`inbound_rules[0].ports`) and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The API answered with its error envelope. `code` is the API's own error code. */
export class LightyearApiError extends LightyearError {
  readonly code: ApiErrorCode;
  declare readonly status: number;
  /** The request field a 400 `invalid_request` is about, when the API named one: the first of `fieldErrors`. */
  readonly field: string | undefined;
  /** Why that field was refused. */
  readonly reason: string | undefined;
  /**
   * Every refused field, in the API's order: all of `details.errors` when it lists several, else the one
   * `field`/`reason`; empty when the error is not about fields.
   */
  readonly fieldErrors: readonly FieldError[];
  readonly details: Record<string, unknown> | undefined;
  /** The message exactly as the API wrote it, without the code/status/request-id suffix. */
  readonly apiMessage: string;

  constructor(fields: ApiErrorFields) {
    const where = fields.field === undefined ? '' : ` on ${fields.field}`;
    const request = fields.requestId === undefined ? '' : `, request ${fields.requestId}`;
    super(`${fields.message} (${fields.code}${where}, HTTP ${fields.status}${request})`, fields);
    this.code = fields.code;
    this.field = fields.field;
    this.reason = fields.reason;
    this.details = fields.details;
    this.apiMessage = oneLine(fields.message);
    this.fieldErrors = fieldErrorsOf(fields);
  }

  /**
   * A 409 `conflict` that passes by itself (the object is provisioning, resizing, powering, not active yet):
   * the same request succeeds later, so wait and retry. Any other conflict needs the caller to act.
   */
  get isBusy(): boolean {
    return this.code === 'conflict' && busyDetailsSchema.safeParse(this.details).success;
  }

  get isResourceInUse(): boolean {
    return this.code === 'resource_in_use';
  }

  /** For `resource_in_use`: the ids of what holds the resource (the instances using a firewall, ...). */
  get heldBy(): readonly string[] | undefined {
    if (!this.isResourceInUse) return undefined;
    const details = resourceInUseDetailsSchema.safeParse(this.details);
    return details.success ? details.data.held_by : undefined;
  }

  get isNotFound(): boolean {
    return this.code === 'not_found';
  }

  /** Any 409: a plain conflict, a resource still in use, or an idempotency key reused with another body. */
  get isConflict(): boolean {
    return this.status === 409;
  }

  get isInvalidRequest(): boolean {
    return this.code === 'invalid_request';
  }

  get isUnauthorized(): boolean {
    return this.code === 'authentication_failed';
  }

  get isForbidden(): boolean {
    return this.code === 'forbidden';
  }

  get isRateLimited(): boolean {
    return this.code === 'rate_limit_exceeded';
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      field: this.field,
      reason: this.reason,
      fieldErrors: this.fieldErrors,
      details: this.details,
    };
  }
}

export interface ConnectionErrorFields {
  /** The low-level cause: `ECONNRESET`, `UND_ERR_SOCKET`, `timeout`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ... */
  reason: string;
  /** Whether trying again may succeed (a reset may; a certificate the client does not trust will not). */
  transient: boolean;
  /** False only when the request certainly never reached the server (refused, connect timeout, DNS). */
  mayHaveReachedServer: boolean;
  /** How many attempts were made before giving up. */
  attempts: number;
  cause?: unknown;
}

/**
 * The API could not be reached or the connection broke (refused, reset, closed, timed out, TLS refused), and
 * retrying did not help or was not safe.
 */
export class LightyearConnectionError extends LightyearError {
  readonly code = 'connection_failed';
  readonly reason: string;
  readonly transient: boolean;
  readonly mayHaveReachedServer: boolean;
  readonly attempts: number;
  /** The message without the attempt count, so a retry can restate it. */
  private readonly description: string;

  constructor(description: string, fields: ConnectionErrorFields) {
    const tries = fields.attempts > 1 ? ` (gave up after ${fields.attempts} attempts)` : '';
    super(`${description}${tries}`, fields);
    this.description = description;
    this.reason = fields.reason;
    this.transient = fields.transient;
    this.mayHaveReachedServer = fields.mayHaveReachedServer;
    this.attempts = fields.attempts;
  }

  /** The same failure, restated as the last of `attempts` tries. */
  afterAttempts(attempts: number): LightyearConnectionError {
    return new LightyearConnectionError(this.description, {
      reason: this.reason,
      transient: this.transient,
      mayHaveReachedServer: this.mayHaveReachedServer,
      attempts,
      cause: this.cause,
    });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, attempts: this.attempts };
  }
}

/** The call was cancelled through an AbortSignal (the client's or the call's own) before it finished. */
export class LightyearAbortedError extends LightyearError {
  readonly code = 'aborted';

  constructor(message = 'the request was aborted') {
    super(message);
  }
}

/**
 * The server answered, but not with what the contract promises: a body that is not JSON, does not match the
 * schema, an error status without the error envelope (a proxy's HTML page), or an unexpected status.
 */
export class LightyearInvalidResponseError extends LightyearError {
  readonly code = 'invalid_response';

  constructor(message: string, fields: ErrorOrigin & { status: number }) {
    super(message, fields);
  }
}

/**
 * The server's answer was larger than the client accepts (`maxResponseBytes`). Reading stops at the limit:
 * no API answer comes near it, so a bigger one is a misbehaving or hostile endpoint, and buffering it whole
 * would take the process's memory with it.
 */
export class LightyearResponseTooLargeError extends LightyearError {
  readonly code = 'response_too_large';

  constructor(
    message: string,
    readonly limitBytes: number,
    fields: ErrorOrigin & { status: number },
  ) {
    super(message, fields);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limitBytes: this.limitBytes };
  }
}

export interface WaitTimeoutFields<T> {
  /** What was awaited: `instance inst_1 to become active`. */
  description: string;
  timeoutMs: number;
  /** What the last poll returned. */
  lastSeen: T;
  /** How many polls were made. */
  polls: number;
}

/**
 * `waitFor` gave up: the awaited state did not come within the timeout. `lastSeen` is the object as last read,
 * so a caller (a Terraform create) can still keep what exists instead of forgetting it.
 */
export class LightyearWaitTimeoutError<T = unknown> extends LightyearError {
  readonly code = 'wait_timeout';
  readonly description: string;
  readonly timeoutMs: number;
  readonly lastSeen: T;
  readonly polls: number;

  constructor(message: string, fields: WaitTimeoutFields<T>) {
    super(message);
    this.description = fields.description;
    this.timeoutMs = fields.timeoutMs;
    this.lastSeen = fields.lastSeen;
    this.polls = fields.polls;
  }

  /** Without `lastSeen`: an object read from the API is for the caller, not for every log line. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), description: this.description, timeoutMs: this.timeoutMs, polls: this.polls };
  }
}

export function isLightyearError(err: unknown): err is LightyearError {
  return err instanceof LightyearError;
}

export function isApiError(err: unknown, code?: ErrorCode): err is LightyearApiError {
  return err instanceof LightyearApiError && (code === undefined || err.code === code);
}

/** True for a 404 `not_found`: what a Terraform read uses to drop a resource deleted outside Terraform. */
export function isNotFoundError(err: unknown): err is LightyearApiError {
  return isApiError(err, 'not_found');
}

/** A 409 that passes by itself: wait and send the same request again (see `LightyearApiError.isBusy`). */
export function isBusyError(err: unknown): err is LightyearApiError {
  return err instanceof LightyearApiError && err.isBusy;
}

/** A 409 `resource_in_use`; `err.heldBy` names what holds the resource when the API said so. */
export function isResourceInUseError(err: unknown): err is LightyearApiError {
  return isApiError(err, 'resource_in_use');
}

function fieldErrorsOf({ details, field, reason }: ApiErrorFields): FieldError[] {
  const listed = fieldErrorListSchema.safeParse(details?.errors);
  if (listed.success && listed.data.length > 0) return listed.data;
  return field === undefined || reason === undefined ? [] : [{ field, reason }];
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
