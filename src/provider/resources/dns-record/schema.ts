import { DNS_TTL_DEFAULT, DNS_TTL_MAX, DNS_TTL_MIN } from '../../../spelling';
import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { checkDomainSpelling } from '../dns-domain/rules';
import { checkRecordType, checkTtl, sameData, sameDomain, sameName, sameType } from './rules';

export const DNS_RECORD_TYPE = 'lightyear_dns_record';

export const dnsRecordSchema = resourceSchema({
  version: 0,
  description:
    'A DNS record in a `lightyear_dns_domain`. Import it as `<domain>/<record id>`: `terraform import lightyear_dns_record.www example.com/rec_2bX9...`.',
  attributes: {
    id: attr.string({
      description: 'The record id (`rec_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    domain: attr.string({
      description:
        'The domain the record belongs to, usually `lightyear_dns_domain.x.domain`. Any case and a trailing dot are accepted (`Example.COM.` is example.com). Changing it replaces the record.',
      required: true,
      validate: checkDomainSpelling,
      equivalent: sameDomain,
      planModifiers: [requiresReplace()],
    }),
    type: attr.string({
      description:
        'The record type: `A`, `AAAA`, `CNAME`, `MX`, `TXT`, `NS`, `SRV` or `CAA`, in any case (`mx` is `MX`). Changing it replaces the record.',
      required: true,
      validate: checkRecordType,
      equivalent: sameType,
      planModifiers: [requiresReplace()],
    }),
    name: attr.string({
      description:
        'The name relative to the domain: `www` for www.example.com; `""` (the default) or `"@"` for the domain itself (the apex); `*` or `*.dev` for a wildcard. Case does not matter, and the absolute spelling with its trailing dot (`www.example.com.`, `example.com.`) is accepted too; state keeps what you wrote. Changing it updates the record in place.',
      optional: true,
      computed: true,
      default: '',
      equivalent: sameName,
    }),
    data: attr.string({
      description:
        'The record data, checked against the type before anything is sent: an IPv4 address for `A`, an IPv6 address for `AAAA` (any spelling: `2001:0db8:0:0::1` is `2001:db8::1`), a host name for `CNAME`, `MX` and `NS` (case and a trailing dot do not matter), `weight port target` for `SRV` (the priority is its own attribute), `flags tag "value"` for `CAA`. `TXT` data is the text itself: write it bare (`"v=spf1 -all"` in HCL) or quoted as in zone files (`"\\"v=spf1 -all\\""`, or several quoted strings that are joined); both mean the same text, and the text is sent without the quotes. Changing it updates the record in place.',
      required: true,
      equivalent: sameData,
    }),
    ttl: attr.number({
      description: `Time to live in seconds, from ${DNS_TTL_MIN} to ${DNS_TTL_MAX}; ${DNS_TTL_DEFAULT} when not set. Changing it updates the record in place.`,
      optional: true,
      computed: true,
      default: DNS_TTL_DEFAULT,
      validate: checkTtl,
    }),
    priority: attr.number({
      description:
        'The priority (0–65535): required for `MX` (the preference) and `SRV` records, refused for every other type. Changing it updates the record in place.',
      optional: true,
    }),
    fqdn: attr.string({
      description:
        'The fully qualified name, lower-case and without a trailing dot: `www.example.com`, or `example.com` at the apex. Known at plan time whenever the name and the domain are.',
      computed: true,
    }),
    created_at: attr.string({
      description: 'When the record was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
});

export type DnsRecordState = StateOf<typeof dnsRecordSchema>;
