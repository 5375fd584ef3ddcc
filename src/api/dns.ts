import { z } from 'zod';
import {
  DNS_PRIORITY_MAX,
  DNS_PRIORITY_MIN,
  DNS_RECORD_TYPES,
  DNS_TTL_DEFAULT,
  DNS_TTL_MAX,
  DNS_TTL_MIN,
} from '../spelling/dns-record-types';
import { idSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

/*
 * DNS: domains (addressed by their name) and their records. The shapes here are the wire contract; what
 * makes a name or a record's data valid (labels, IP addresses, SRV and CAA syntax) is checked by the cloud,
 * which can say precisely what is wrong.
 */

export { DNS_PRIORITY_TYPES, DNS_RECORD_TYPES, type DnsRecordType } from '../spelling/dns-record-types';
export const dnsRecordTypeSchema = z.enum(DNS_RECORD_TYPES);

export {
  DNS_PRIORITY_MAX,
  DNS_PRIORITY_MIN,
  DNS_TTL_DEFAULT,
  DNS_TTL_MAX,
  DNS_TTL_MIN,
} from '../spelling/dns-record-types';

/** One reason for every way a TTL can be wrong: out of range is refused, never rounded. */
const TTL_REASON = `must be a whole number of seconds from ${DNS_TTL_MIN} to ${DNS_TTL_MAX}`;
export const dnsTtlSchema = z
  .number({ error: TTL_REASON })
  .int(TTL_REASON)
  .min(DNS_TTL_MIN, TTL_REASON)
  .max(DNS_TTL_MAX, TTL_REASON);

const PRIORITY_REASON = `must be a whole number from ${DNS_PRIORITY_MIN} to ${DNS_PRIORITY_MAX}`;
export const dnsPrioritySchema = z
  .number({ error: PRIORITY_REASON })
  .int(PRIORITY_REASON)
  .min(DNS_PRIORITY_MIN, PRIORITY_REASON)
  .max(DNS_PRIORITY_MAX, PRIORITY_REASON);

// Domains

export const domainSchema = z.object({
  /** Lower-case, without a trailing dot; internationalized names in their punycode (`xn--`) form. */
  domain: z.string(),
  created_at: timestampSchema,
});
export type Domain = z.infer<typeof domainSchema>;

export const createDomainRequestSchema = z.strictObject({
  /** Any case, with or without a trailing dot: stored lower-case without it. */
  domain: z.string().min(1),
});
export type CreateDomainRequest = z.infer<typeof createDomainRequestSchema>;

export const domainResponseSchema = z.object({ domain: domainSchema });

export const listDomainsQuerySchema = listQuerySchema.extend({
  sort: z.enum(['created_at', 'domain']).default('created_at'),
});
export type ListDomainsQuery = z.input<typeof listDomainsQuerySchema>;

export const domainListSchema = listEnvelopeSchema('domains', domainSchema);
export type DomainList = z.infer<typeof domainListSchema>;

// Records

export const dnsRecordIdSchema = idSchema('rec');

export const dnsRecordSchema = z.object({
  id: dnsRecordIdSchema,
  /** The domain the record belongs to. */
  domain: z.string(),
  type: dnsRecordTypeSchema,
  /** Relative to the domain, lower-case: `""` is the apex, `www` is www.<domain>. */
  name: z.string(),
  /** Canonical per type: see docs/local-cloud.md, "DNS". */
  data: z.string(),
  ttl: z.number().int(),
  /** MX and SRV only; null for every other type. */
  priority: z.number().int().nullable(),
  created_at: timestampSchema,
});
export type DnsRecord = z.infer<typeof dnsRecordSchema>;

export const createDnsRecordRequestSchema = z.strictObject({
  type: dnsRecordTypeSchema,
  /** Relative to the domain; `""` or `@` for the apex. */
  name: z.string(),
  data: z.string().min(1),
  ttl: dnsTtlSchema.default(DNS_TTL_DEFAULT),
  /** Required for MX and SRV, refused for every other type. */
  priority: dnsPrioritySchema.optional(),
});
export type CreateDnsRecordRequest = z.input<typeof createDnsRecordRequestSchema>;

/** The type is immutable: a record of another type is a new record. */
export const updateDnsRecordRequestSchema = z.strictObject({
  name: z.string().optional(),
  data: z.string().min(1).optional(),
  ttl: dnsTtlSchema.optional(),
  priority: dnsPrioritySchema.optional(),
});
export type UpdateDnsRecordRequest = z.infer<typeof updateDnsRecordRequestSchema>;

export const dnsRecordResponseSchema = z.object({ record: dnsRecordSchema });

export const listDnsRecordsQuerySchema = listQuerySchema.extend({
  type: dnsRecordTypeSchema.optional(),
  /** Exact match on the relative name; empty or `@` selects the apex. */
  name: z.string().max(253).optional(),
  sort: z.enum(['created_at', 'name']).default('created_at'),
});
export type ListDnsRecordsQuery = z.input<typeof listDnsRecordsQuerySchema>;

export const dnsRecordListSchema = listEnvelopeSchema('records', dnsRecordSchema);
export type DnsRecordList = z.infer<typeof dnsRecordListSchema>;

// Events

/** `data` of a `dns.record_changed` event. `previous` is the record before an update. */
export const dnsRecordChangedEventSchema = z.object({
  action: z.enum(['created', 'updated', 'deleted']),
  domain: z.string(),
  record: dnsRecordSchema,
  previous: dnsRecordSchema.optional(),
});
export type DnsRecordChangedEvent = z.infer<typeof dnsRecordChangedEventSchema>;
