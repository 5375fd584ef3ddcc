import { z } from 'zod';

/**
 * The error-code table of the API contract: every code the API can answer, with its HTTP status.
 * One table, so the cloud, the client and the docs cannot disagree about a code.
 */
export const ERROR_CODES = {
  invalid_request: 400,
  authentication_failed: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  resource_in_use: 409,
  idempotency_key_reused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limit_exceeded: 429,
  server_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

/** `details` of a field error: which request field, and why it was refused. */
export const fieldErrorDetailsSchema = z.object({
  field: z.string(),
  reason: z.string(),
});

/**
 * `details.errors` of a 400 that refused more than one field: every problem, in the order the API found them
 * (`details.field` and `details.reason` repeat the first).
 */
export const fieldErrorListSchema = z.array(fieldErrorDetailsSchema);

/**
 * `details` of a 409 `conflict` that passes by itself: the object is in the middle of something (an instance
 * provisioning, resizing or powering, a volume not yet active, a request under the same Idempotency-Key still
 * running), and the same request will succeed once that completes. A `conflict` without it is a real clash
 * (a duplicate, a state only the caller can change) that retrying never fixes.
 */
export const busyDetailsSchema = z.object({ retryable: z.literal(true) });

/** `details` of a 409 `resource_in_use`: the object refused, and the ids of what holds it (to free it first). */
export const resourceInUseDetailsSchema = z.object({
  resource: z.string(),
  id: z.string(),
  held_by: z.array(z.string()),
});

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  request_id: z.string().startsWith('req_'),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * The envelope as a client reads it: a newer API may answer with a code this build does not know yet (adding
 * one is not a breaking change), which is still an API error to report as such, not a malformed response.
 */
export const errorEnvelopeReadSchema = errorEnvelopeSchema.extend({
  error: errorEnvelopeSchema.shape.error.extend({ code: z.string().min(1) }),
});
