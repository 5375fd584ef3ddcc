import { eachElement } from '../../framework/equivalence';
import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import {
  checkAllowedIps,
  checkApiKeyName,
  checkExpiresAt,
  checkPermissions,
  sameExpiry,
  samePermissionSpelling,
  sameRange,
} from './rules';

export const API_KEY_TYPE = 'lightyear_api_key';

export const apiKeySchema = resourceSchema({
  version: 0,
  description:
    'An API key for LightYear Cloud, scoped to the permissions it lists, optionally expiring and limited to ' +
    'source addresses: one per pipeline or integration, made in the same `terraform apply` that builds what ' +
    'it manages. Keys are immutable: changing any argument revokes the key and creates a new one, with a new ' +
    '`secret`. A key past its `expires_at` is planned for re-creation (shown as `secret` forcing ' +
    "replacement). Creating keys needs `account:write`, and a key can only grant what the provider's own " +
    'key holds: permissions it has, an expiry no later than its own, source ranges inside its own.',
  attributes: {
    id: attr.string({
      description: 'The key id (`key_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    name: attr.string({
      description:
        'A label for the key (1–255 characters). Surrounding blanks are not part of it. Changing it replaces the key.',
      required: true,
      validate: checkApiKeyName,
      equivalent: (a, b) => typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim(),
      planModifiers: [requiresReplace()],
    }),
    permissions: attr.stringSet({
      description:
        'What the key may do: `*` (everything) or `<resource>:read` / `<resource>:write` for `instances`, ' +
        '`ssh_keys`, `firewalls`, `blocks`, `dns`, `snapshots`, `webhooks`, `account`; `write` implies ' +
        "`read`. Letter case does not matter. Each must be held by the provider's own key. Changing them " +
        'replaces the key.',
      required: true,
      validate: checkPermissions,
      equivalent: eachElement(samePermissionSpelling),
      planModifiers: [requiresReplace()],
    }),
    expires_at: attr.string({
      description:
        'When the key stops working, as an RFC 3339 timestamp (`2027-01-31T12:00:00Z`; an offset such as ' +
        '`+01:00` or a fraction of a second is the same instant and never a change; the API stores UTC to ' +
        'the millisecond). Must be in the future when the key is created; leave it out for a key that ' +
        'never expires. Once it has passed, the next plan re-creates the key; with ' +
        '`expires_at = timeadd(plantimestamp(), "720h")` and `lifecycle { ignore_changes = [expires_at] }` ' +
        'that rotates the key every 30 days. Changing it replaces the key.',
      optional: true,
      validate: checkExpiresAt,
      equivalent: sameExpiry,
      planModifiers: [requiresReplace()],
    }),
    allowed_ips: attr.stringSet({
      description:
        'IPv4 and IPv6 ranges (CIDRs, or single addresses) the key may be used from; a request from ' +
        'elsewhere is refused (403). Any spelling of a range is accepted and sent canonical, as the API ' +
        'stores it: a bare address is its single host (`203.0.113.7` as `203.0.113.7/32`, `2001:db8::1` ' +
        'as `2001:db8::1/128`), host bits are zeroed (`10.0.0.5/8` as `10.0.0.0/8`), IPv6 is short and ' +
        'lower case (`::0/0` as `::/0`, `2001:DB8::/32` as `2001:db8::/32`), surrounding blanks and ' +
        'repeats are dropped; a respelling of the same ranges is no change. Leave it out for a key usable ' +
        'from anywhere. Changing it replaces the key.',
      optional: true,
      validate: checkAllowedIps,
      equivalent: eachElement(sameRange),
      planModifiers: [requiresReplace()],
    }),
    prefix: attr.string({
      description:
        '`ly_` and the first 6 characters of the secret: how the key is told apart in lists (`lyctl`, the ' +
        'dashboard). Never enough to use it.',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    secret: attr.string({
      description:
        'The key itself (`ly_...`), for `Authorization: Bearer`. The API shows it only in its answer to the ' +
        'create, so it is known only for keys Terraform created: an imported key has a null `secret` (the ' +
        'API cannot tell it again), and refreshes keep the one in state. Sensitive: hidden in plans and ' +
        'output, but stored in the state in plain text, so keep state somewhere access-controlled.',
      computed: true,
      sensitive: true,
      planModifiers: [useStateForUnknown()],
    }),
    last_used_at: attr.string({
      description:
        'When the key last authenticated a request (RFC 3339, UTC, to the minute); null if it never has.',
      computed: true,
    }),
    created_at: attr.string({
      description: 'When the key was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
});

export type ApiKeyState = StateOf<typeof apiKeySchema>;
