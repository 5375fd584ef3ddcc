/** Every event type of the contract: what a webhook subscribes to and `X-LightYear-Event` carries. */
export const WEBHOOK_EVENT_TYPES = [
  'instance.created',
  'instance.destroyed',
  'instance.power_on',
  'instance.power_off',
  'instance.snapshot_completed',
  'block.attached',
  'block.detached',
  'dns.record_changed',
  'billing.invoice_created',
  'billing.payment_failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The read permission each event type needs: a delivery carries the object the event is about, so a
 * subscription is a way to read it. Without this a key with only `webhooks:write` would receive DNS
 * records, instances and invoices it cannot read through the API.
 */
export const EVENT_READ_PERMISSION: Readonly<Record<WebhookEventType, string>> = {
  'instance.created': 'instances:read',
  'instance.destroyed': 'instances:read',
  'instance.power_on': 'instances:read',
  'instance.power_off': 'instances:read',
  'instance.snapshot_completed': 'snapshots:read',
  'block.attached': 'blocks:read',
  'block.detached': 'blocks:read',
  'dns.record_changed': 'dns:read',
  'billing.invoice_created': 'account:read',
  'billing.payment_failed': 'account:read',
};

/**
 * The API's spelling of an event type: surrounding blanks and letter case are not part of it
 * (`Instance.Created` is `instance.created`). Undefined when it is no event type at all.
 */
export function canonicalEventType(text: string): WebhookEventType | undefined {
  const lower = text.trim().toLowerCase();
  return WEBHOOK_EVENT_TYPES.find((type) => type === lower);
}

/** Whether two spellings name the same event type; an unknown one is the same only as the identical text. */
export function sameEventType(a: string, b: string): boolean {
  if (a === b) return true;
  const ca = canonicalEventType(a);
  return ca !== undefined && ca === canonicalEventType(b);
}
