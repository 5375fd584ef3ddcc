import { SpellingError } from './errors';

/** The DNS record types the API serves; the wire schema's enum is built from this list. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** The record types that carry a `priority` (and must have one). */
export const DNS_PRIORITY_TYPES: readonly DnsRecordType[] = ['MX', 'SRV'];

/** A record's time to live in seconds: the API's range and the value it applies when none is sent. */
export const DNS_TTL_MIN = 60;
export const DNS_TTL_MAX = 86400;
export const DNS_TTL_DEFAULT = 300;
/** A priority is an unsigned 16-bit number on the wire (MX preference, SRV priority). */
export const DNS_PRIORITY_MIN = 0;
export const DNS_PRIORITY_MAX = 65535;

/** A record type the API does not serve, or a TTL or priority it refuses; `reason` reads after the field name. */
export class DnsRecordFieldError extends SpellingError {
  readonly code = 'invalid_dns_record_field';
}

/**
 * The type as the API takes it: `a`, `Mx` and `MX` are one type, since zone files and DNS tools accept any
 * case. Anything else is refused, listing the types there are.
 */
export function normalizeRecordType(input: string): DnsRecordType {
  const upper = input.trim().toUpperCase();
  const found = DNS_RECORD_TYPES.find((type) => type === upper);
  if (found === undefined) {
    throw new DnsRecordFieldError(
      `must be one of ${DNS_RECORD_TYPES.join(', ')} (got ${JSON.stringify(input)})`,
    );
  }
  return found;
}

/** `mx` and `MX` are one type; an unknown type equals only itself. */
export function sameRecordType(a: string, b: string): boolean {
  if (a === b) return true;
  return DNS_RECORD_TYPES.some((type) => type === a.trim().toUpperCase() && type === b.trim().toUpperCase());
}

/** Why a TTL is refused, or undefined: out of range is refused, never rounded. */
export function ttlProblem(ttl: number): string | undefined {
  if (Number.isInteger(ttl) && ttl >= DNS_TTL_MIN && ttl <= DNS_TTL_MAX) return undefined;
  return `must be a whole number of seconds from ${DNS_TTL_MIN} to ${DNS_TTL_MAX} (got ${ttl})`;
}

/**
 * Why a record's priority is refused, or undefined: MX and SRV records need one (0–65535), every other
 * type takes none. `priority` is null when not given.
 */
export function priorityProblem(type: DnsRecordType, priority: number | null): string | undefined {
  const takesPriority = DNS_PRIORITY_TYPES.includes(type);
  if (!takesPriority) {
    return priority === null ? undefined : `is only accepted for MX and SRV records, not ${type}`;
  }
  if (priority === null) return `is required for ${type} records`;
  if (Number.isInteger(priority) && priority >= DNS_PRIORITY_MIN && priority <= DNS_PRIORITY_MAX) {
    return undefined;
  }
  return `must be a whole number from ${DNS_PRIORITY_MIN} to ${DNS_PRIORITY_MAX} (got ${priority})`;
}
