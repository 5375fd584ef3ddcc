/** The DNS record types the API serves; the wire schema's enum is built from this list. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** The record types that carry a `priority` (and must have one). */
export const DNS_PRIORITY_TYPES: readonly DnsRecordType[] = ['MX', 'SRV'];
