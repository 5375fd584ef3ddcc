import type { WebhookEventType } from '../../api';

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
