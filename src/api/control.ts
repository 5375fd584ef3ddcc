import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { timestampSchema } from './common';
import { webhookPayloadSchema } from './webhooks';

/*
 * The local cloud's control endpoints under /_local/: not part of the LightYear API, only of the local
 * cloud, for tests and demos (reset, seed, clock, lifecycle, faults, request log, injected events).
 */

export const clockResponseSchema = z.object({ clock: z.object({ now: timestampSchema }) });
export type ClockResponse = z.infer<typeof clockResponseSchema>;

/** At most ten years per call: enough for any expiry, small enough that a typo is caught. */
export const MAX_CLOCK_ADVANCE_MS = 10 * 366 * 24 * 60 * 60 * 1000;

export const advanceClockRequestSchema = z.strictObject({
  ms: z.number().int().min(0).max(MAX_CLOCK_ADVANCE_MS),
});

/** Statuses a fault may answer with: those of the contract's error codes, so the envelope is genuine. */
export const FAULT_STATUSES = [...new Set(Object.values(ERROR_CODES))].sort((a, b) => a - b);

export const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', '*'] as const;

const FAULT_PATH_REASON = 'must be a /v1 path, exact (/v1/ssh-keys) or a prefix ending in * (/v1/ssh-keys/*)';

/** `/v1/...` exactly, or a prefix when it ends in `*`; the query string never takes part. */
const faultPathSchema = z
  .string()
  .max(1024)
  .regex(/^\/v1(\/[^?#*]*)?\*?$/, FAULT_PATH_REASON);

export const MAX_FAULT_DELAY_MS = 60_000;

export const createFaultRequestSchema = z
  .strictObject({
    method: z.enum(FAULT_METHODS),
    path: faultPathSchema,
    /** How many matching requests the fault applies to; then it is spent and removed. */
    count: z.number().int().min(1).max(10_000).default(1),
    status: z
      .number()
      .int()
      .refine((status) => (FAULT_STATUSES as number[]).includes(status), {
        message: `must be one of ${FAULT_STATUSES.join(', ')}`,
      })
      .optional(),
    /** With a 429 or 503 status: the `Retry-After` header, in seconds. */
    retry_after: z.number().int().min(0).max(3600).optional(),
    delay_ms: z.number().int().min(1).max(MAX_FAULT_DELAY_MS).optional(),
    drop: z.literal(true, { error: 'must be true (or left out)' }).optional(),
    /**
     * The chance that a matching request is hit (0 < p ≤ 1); `count` then counts hits, not matches. A seeded
     * generator decides, so a run with the same `seed` and the same requests hits the same ones.
     */
    probability: z.number().gt(0).max(1).default(1),
    /** Seeds the generator behind `probability`; left out, a random seed is drawn. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    /**
     * The request is handled first (its change made, its idempotent answer remembered), then the answer is
     * lost: a status fault answers the error instead, a drop destroys the connection. What a client meets
     * when a server or network fails after the work is done: only idempotency keys keep a retry from
     * repeating it. Not with `delay_ms`.
     */
    after_handling: z.literal(true, { error: 'must be true (or left out)' }).optional(),
  })
  .superRefine((fault, ctx) => {
    const kinds = [fault.status, fault.delay_ms, fault.drop].filter((v) => v !== undefined).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', message: 'must give exactly one of status, delay_ms or drop' });
    }
    if (fault.retry_after !== undefined && fault.status !== 429 && fault.status !== 503) {
      ctx.addIssue({
        code: 'custom',
        path: ['retry_after'],
        message: 'is only allowed with status 429 or 503',
      });
    }
    if (fault.after_handling === true && fault.delay_ms !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['after_handling'],
        message:
          'is only allowed with status or drop (a delay after handling is a slow answer: use delay_ms)',
      });
    }
  });
export type CreateFaultRequest = z.input<typeof createFaultRequestSchema>;
/** A fault request as validated: `count` filled in. */
export type FaultSpec = z.output<typeof createFaultRequestSchema>;

export const faultSchema = z.object({
  id: z.string().regex(/^flt_[0-9A-Za-z]+$/),
  method: z.enum(FAULT_METHODS),
  path: z.string(),
  count: z.number().int(),
  /** Matching requests still to be hit. */
  remaining: z.number().int(),
  status: z.number().int().nullable(),
  retry_after: z.number().int().nullable(),
  delay_ms: z.number().int().nullable(),
  drop: z.boolean(),
  probability: z.number(),
  after_handling: z.boolean(),
  created_at: timestampSchema,
});
export type Fault = z.infer<typeof faultSchema>;

export const faultResponseSchema = z.object({ fault: faultSchema });
export const faultListSchema = z.object({ faults: z.array(faultSchema) });

export const loggedRequestSchema = z.object({
  request_id: z.string().startsWith('req_'),
  method: z.string(),
  /** The path without the query string (which may carry cursors, never needed to tell requests apart). */
  path: z.string(),
  /** null when no answer was sent: the connection was dropped (a fault, or the client went away). */
  status: z.number().int().nullable(),
  /** The key the request authenticated with; null when it did not. Never the secret. */
  api_key_id: z.string().nullable(),
  /** The fault injected into this request, if any. */
  fault: z.enum(['status', 'delay', 'drop']).nullable(),
  started_at: timestampSchema,
  duration_ms: z.number().nonnegative(),
});
export type LoggedRequest = z.infer<typeof loggedRequestSchema>;

export const listRequestsQuerySchema = z.strictObject({
  method: z.string().min(1).max(16).optional(),
  /** Exact, or a prefix when it ends in `*`, like fault paths. */
  path: z.string().min(1).max(1024).optional(),
  status: z
    .string()
    .regex(/^[1-5][0-9]{2}$/, 'must be an HTTP status such as 503')
    .transform(Number)
    .optional(),
  api_key_id: z.string().min(1).max(64).optional(),
});

export const requestLogSchema = z.object({ requests: z.array(loggedRequestSchema) });

/** Only billing events can be injected: every other type comes from a real change, with real data. */
export const INJECTABLE_EVENT_TYPES = ['billing.invoice_created', 'billing.payment_failed'] as const;

export const injectEventRequestSchema = z.strictObject({
  type: z.enum(INJECTABLE_EVENT_TYPES, {
    error: `must be one of ${INJECTABLE_EVENT_TYPES.join(', ')} (other events come from real changes)`,
  }),
  data: z.record(z.string(), z.unknown()).default({}),
});

export const eventResponseSchema = z.object({ event: webhookPayloadSchema });

export const seedResponseSchema = z.object({
  /** What the seed created, in order: the step's name, the object's kind and its id (a domain's name). */
  seeded: z.array(z.object({ step: z.string(), kind: z.string(), id: z.string() })),
  /** Steps left out because this build does not serve their kind yet. */
  skipped: z.array(z.string()),
});
