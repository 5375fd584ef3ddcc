import { eachElement } from '../../framework/equivalence';
import { useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { checkDescription, checkEvents, checkUrl, sameDescription, sameEvent } from './rules';

export const WEBHOOK_TYPE = 'lightyear_webhook';

export const webhookSchema = resourceSchema({
  version: 0,
  description:
    "A webhook: LightYear Cloud POSTs each subscribed event to `url`, signed with the webhook's `secret` " +
    '(header `X-LightYear-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`); a failed delivery is ' +
    'retried with backoff. Every argument changes in place; the secret stays the same. Subscribing to an ' +
    'event needs read access to what it carries (`instance.*` needs `instances:read`, ' +
    '`block.*` `blocks:read`, `dns.*` `dns:read`, `instance.snapshot_completed` `snapshots:read`, ' +
    '`billing.*` `account:read`) besides `webhooks:write`.',
  attributes: {
    id: attr.string({
      description: 'The webhook id (`whk_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    url: attr.string({
      description:
        'Where deliveries go: an absolute `https://` URL (`http://` only to a loopback host such as ' +
        '`127.0.0.1`), without a user name, password or `#fragment`, at most 2048 characters. The cloud ' +
        'refuses targets in link-local, metadata and other reserved ranges, and private ones unless it allows ' +
        'them. Changes in place.',
      required: true,
      validate: checkUrl,
    }),
    events: attr.stringSet({
      description:
        'The event types to deliver: `instance.created`, `instance.destroyed`, `instance.power_on`, ' +
        '`instance.power_off`, `instance.snapshot_completed`, `block.attached`, `block.detached`, ' +
        '`dns.record_changed`, `billing.invoice_created`, `billing.payment_failed`. Letter case does not ' +
        'matter. Changes in place.',
      required: true,
      validate: checkEvents,
      equivalent: eachElement(sameEvent),
    }),
    description: attr.string({
      description:
        'A note for people (at most 1024 characters; surrounding blanks are not kept). Changes in place; ' +
        'removing it clears it.',
      optional: true,
      validate: checkDescription,
      equivalent: sameDescription,
    }),
    active: attr.bool({
      description:
        'Whether the webhook receives deliveries. `false` pauses it: events are kept and their deliveries ' +
        'wait until it is active again. Changes in place; a webhook paused outside Terraform shows as a change.',
      optional: true,
      computed: true,
      default: true,
    }),
    secret: attr.string({
      description:
        'The signing secret (`whsec_...`) to verify `X-LightYear-Signature` with. The API shows it only in ' +
        'its answer to the create, so it is known only for webhooks Terraform created: an imported webhook ' +
        'has a null `secret` (the API cannot tell it again), and refreshes and updates keep the one in ' +
        'state. Sensitive: hidden in plans and output, but stored in the state in plain text.',
      computed: true,
      sensitive: true,
      planModifiers: [useStateForUnknown()],
    }),
    created_at: attr.string({
      description: 'When the webhook was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
});

export type WebhookState = StateOf<typeof webhookSchema>;
