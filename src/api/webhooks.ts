import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import { WEBHOOK_EVENT_TYPES } from '../spelling/webhook-events';
import { webhookUrlProblem } from '../spelling/webhook-url';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

export const webhookIdSchema = idSchema('whk');
export const eventIdSchema = idSchema('evt');

// The event list and the URL rule live in src/spelling, so the provider validates with the API's own rules.
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../spelling/webhook-events';

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: `must be an event type: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});

/** Headers of every delivery. The signature is `sha256=` + hex HMAC-SHA256(secret, raw body). */
export const WEBHOOK_SIGNATURE_HEADER = 'X-LightYear-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-LightYear-Event';
/** The same on every retry of one delivery: a receiver dedupes by it (or by the event id). */
export const WEBHOOK_DELIVERY_HEADER = 'X-LightYear-Delivery';

/** The body POSTed to a webhook's URL. `data` holds the object the event is about, e.g. `{instance}`. */
export const webhookPayloadSchema = z.object({
  id: eventIdSchema,
  type: webhookEventTypeSchema,
  created_at: timestampSchema,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/**
 * Where deliveries go. https anywhere; plain http only to loopback, as clients treat the API itself. No
 * user name or password in the URL: it is listed back to every key with `webhooks:read`.
 */
export const webhookUrlSchema = z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    const reason = webhookUrlProblem(text);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: reason });
  });

/** Deduplicated and sorted, so the same subscription always reads back the same way. */
const eventListSchema = z
  .array(webhookEventTypeSchema)
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length * 4)
  .transform((events) => [...new Set(events)].sort());

const descriptionSchema = nameFieldSchema(NAME_LIMITS.webhookDescription);

export const webhookSchema = z.object({
  id: webhookIdSchema,
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  description: z.string().nullable(),
  /** An inactive webhook receives nothing; its pending retries wait until it is active again. */
  active: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const createWebhookRequestSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventListSchema,
  description: descriptionSchema.optional(),
});
export type CreateWebhookRequest = z.input<typeof createWebhookRequestSchema>;

/** Fields not sent are left alone; `description: null` clears it. */
export const updateWebhookRequestSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  events: eventListSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.input<typeof updateWebhookRequestSchema>;

export const webhookResponseSchema = z.object({ webhook: webhookSchema });

/** `whsec_` + 40 base62 characters. */
export const webhookSecretSchema = z.string().regex(/^whsec_[0-9A-Za-z]{40}$/);

/** Only the create answer carries the secret; it is never shown again. */
export const createWebhookResponseSchema = z.object({
  webhook: webhookSchema,
  secret: webhookSecretSchema,
});
export type CreatedWebhookResponse = z.infer<typeof createWebhookResponseSchema>;

export const listWebhooksQuerySchema = listQuerySchema;
export type ListWebhooksQuery = z.input<typeof listWebhooksQuerySchema>;

export const webhookListSchema = listEnvelopeSchema('webhooks', webhookSchema);
export type WebhookList = z.infer<typeof webhookListSchema>;

/** One attempt to deliver one event to one webhook. */
export const webhookDeliveryAttemptSchema = z.object({
  /** `X-LightYear-Delivery`: shared by every attempt of the same event to the same webhook. */
  delivery_id: z.string().regex(/^dlv_[0-9A-Za-z]+$/),
  event_id: eventIdSchema,
  event_type: webhookEventTypeSchema,
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: z.number().int().positive(),
  /** The receiver's HTTP status; null when no answer came (refused, timed out, reset). */
  status_code: z.number().int().nullable(),
  /** Why the attempt failed; null when it succeeded. */
  error: z.string().nullable(),
  succeeded: z.boolean(),
  duration_ms: z.number().int().nonnegative(),
  /** When the next attempt is due; null after a success or the last attempt. */
  next_retry_at: timestampSchema.nullable(),
  created_at: timestampSchema,
});
export type WebhookDeliveryAttempt = z.infer<typeof webhookDeliveryAttemptSchema>;

export const listWebhookDeliveriesQuerySchema = listQuerySchema.extend({
  event_id: eventIdSchema.optional(),
});
export type ListWebhookDeliveriesQuery = z.input<typeof listWebhookDeliveriesQuerySchema>;

export const webhookDeliveryListSchema = listEnvelopeSchema('deliveries', webhookDeliveryAttemptSchema);
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
