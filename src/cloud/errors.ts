import { ERROR_CODES, type ErrorCode } from '../api';

/**
 * An error the cloud answers with: the contract's `code` (its HTTP status comes from the one table in
 * src/api/errors.ts), a message for people and structured `details` for programs. Anything thrown that is
 * not an ApiError becomes a 500 `server_error` whose message reveals nothing internal.
 */
export class ApiError extends Error {
  readonly status: number;
  /** Extra response headers the error needs (`Allow`, `Retry-After`, ...). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_CODES[code];
    this.headers = headers;
  }
}

/** One refused request field, in the words the Terraform provider shows under the attribute. */
export interface FieldError {
  /** Path of the field: `name`, `per_page`, `inbound_rules[0].ports`. */
  readonly field: string;
  /** What is wrong with it, as a sentence fragment that stands on its own. */
  readonly reason: string;
}

/**
 * An error answer lists at most this many field problems (`details.errors`), and says how many more there
 * were (`details.errors_omitted`): 60,000 unknown fields once made a 4.2 MB answer, work and bandwidth
 * spent on a request that is wrong anyway. A person fixes the first ones and sends again.
 */
export const MAX_FIELD_ERRORS = 100;
/** A field path or reason longer than this is cut (an unknown field's name can be most of a 1 MiB body). */
const MAX_FIELD_TEXT = 200;

function cut(text: string): string {
  return text.length <= MAX_FIELD_TEXT
    ? text
    : `${text.slice(0, MAX_FIELD_TEXT)}… (${text.length} characters)`;
}

function bounded(error: FieldError): FieldError {
  return { field: cut(error.field), reason: cut(error.reason) };
}

/** 400 `invalid_request`. */
export class InvalidRequestError extends ApiError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('invalid_request', message, details);
  }

  /**
   * A field error: `details.field` and `details.reason` name the first problem; when there are more, all of
   * them are listed in `details.errors` so a client can show every one at once.
   */
  static forFields(errors: readonly [FieldError, ...FieldError[]]): InvalidRequestError {
    const [first] = errors;
    const shown = errors.slice(0, MAX_FIELD_ERRORS).map(bounded);
    const head = bounded(first);
    const details: Record<string, unknown> = { field: head.field, reason: head.reason };
    if (errors.length > 1) details.errors = shown;
    if (errors.length > shown.length) details.errors_omitted = errors.length - shown.length;
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    return new InvalidRequestError(`Invalid ${head.field}: ${head.reason}${more}.`, details);
  }

  static forField(field: string, reason: string): InvalidRequestError {
    return InvalidRequestError.forFields([{ field, reason }]);
  }
}

/** 401 `authentication_failed`. The message never echoes the presented credential. */
export class AuthenticationFailedError extends ApiError {
  constructor(message: string) {
    super('authentication_failed', message, undefined, { 'WWW-Authenticate': 'Bearer realm="lightyear"' });
  }
}

/** 403 `forbidden`: the key is valid but lacks the permission the route needs. */
export class ForbiddenError extends ApiError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('forbidden', message, details);
  }
}

/** 404 `not_found`: an unknown resource, or a path no route serves. */
export class NotFoundError extends ApiError {
  constructor(
    message: string,
    details?: Readonly<Record<string, unknown>>,
    headers?: Record<string, string>,
  ) {
    super('not_found', message, details, headers);
  }
}

/** 409 `conflict`: the request clashes with the current state (a duplicate, a wrong state). */
export class ConflictError extends ApiError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('conflict', message, details);
  }
}

/**
 * 409 `conflict` that passes by itself: the object is busy with something slow (provisioning, a resize, a
 * power action, a volume still being created). `details.retryable: true` is what lets a client wait and
 * retry instead of reporting a clash the user must resolve; the contract's code stays `conflict`.
 */
export class BusyError extends ConflictError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, { ...details, retryable: true });
  }
}

/**
 * 409 `resource_in_use`: the resource cannot be deleted or taken while something else uses it (a
 * firewall instances point at, an attached volume). `details.held_by` lists the ids of the users, the same
 * way for every kind, so a caller can free it without knowing each kind's own field.
 */
export class ResourceInUseError extends ApiError {
  constructor(
    message: string,
    details: Readonly<{ resource: string; id: string; held_by: readonly string[] } & Record<string, unknown>>,
  ) {
    super('resource_in_use', message, details);
  }
}

/**
 * 409 `idempotency_key_reused`: the Idempotency-Key was first used for a different request (another
 * body, method or path); reusing it would replay an answer that does not belong to this request.
 */
export class IdempotencyKeyReusedError extends ApiError {
  constructor(message: string) {
    super('idempotency_key_reused', message);
  }
}

/** 413 `payload_too_large`. */
export class PayloadTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super('payload_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`, {
      limit_bytes: limitBytes,
    });
  }
}

/** 415 `unsupported_media_type`. */
export class UnsupportedMediaTypeError extends ApiError {
  constructor(message: string) {
    super('unsupported_media_type', message, { expected: 'application/json' });
  }
}

/** 429 `rate_limit_exceeded`: the key used up its requests for this window; `Retry-After` says when to retry. */
export class RateLimitExceededError extends ApiError {
  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super(
      'rate_limit_exceeded',
      `This API key made more than ${limitPerMinute} requests this minute; retry in ${retryAfterSeconds} s.`,
      { limit_per_minute: limitPerMinute, retry_after_seconds: retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** 500 `server_error`: the cloud failed; the cause goes to the log, never to the client. */
export class ServerError extends ApiError {
  constructor() {
    super(
      'server_error',
      'The server failed to handle the request; it has been logged under the request id.',
    );
  }
}
