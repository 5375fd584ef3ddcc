/**
 * IPv4 and IPv6 CIDRs: strict parsing, the canonical spelling the API answers with, and a total order.
 *
 * Canonical form: host bits zero (`10.0.0.5/8` → `10.0.0.0/8`), IPv4 in dotted decimal without leading
 * zeros, IPv6 per RFC 5952 (lower case, no leading zeros in a group, the longest run of two or more zero
 * groups — the first on a tie — written `::`, IPv4-mapped addresses as `::ffff:192.0.2.1`).
 */

import { SpellingError, sameCanonical } from './errors';
import { formatIpv4Bytes, formatIpv6Bytes, parseIpv4Bytes, parseIpv6Bytes } from './ip-address';

/** A CIDR that cannot be used; `reason` reads after the field name ("must be ..."). */
export class CidrError extends SpellingError {
  readonly code = 'invalid_cidr';
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address, host bits zero: 4 bytes for IPv4, 16 for IPv6. */
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

const EXAMPLES = 'such as 203.0.113.0/24 or 2001:db8::/32';
const PREFIX_PATTERN = /^(0|[1-9][0-9]{0,2})$/;

/** Parses `address/prefix` and zeroes the host bits. Throws CidrError with a reason for a person. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  if (slash === -1) {
    throw new CidrError(
      `must be a CIDR with a prefix length, ${EXAMPLES} (a single host is /32 or /128)`,
      singleHostFix(text),
    );
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = addressText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4Bytes(addressText) : parseIpv6Bytes(addressText);
  if (address === undefined) throw new CidrError(`must be an IPv4 or IPv6 CIDR ${EXAMPLES}`);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = PREFIX_PATTERN.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix <= maxPrefix)) {
    throw new CidrError(`must have a prefix length from 0 to ${maxPrefix} for IPv${family}`);
  }
  return { family, bytes: zeroHostBits(address, prefix), prefix };
}

/** The canonical spelling of a parsed CIDR. */
export function formatCidr(cidr: Cidr): string {
  const address = cidr.family === 4 ? formatIpv4Bytes(cidr.bytes) : formatIpv6Bytes(cidr.bytes, 'dotted');
  return `${address}/${cidr.prefix}`;
}

/** `parseCidr` then `formatCidr`: `::0/0` → `::/0`, `10.0.0.5/8` → `10.0.0.0/8`. */
export function canonicalCidr(text: string): string {
  return formatCidr(parseCidr(text));
}

/**
 * A CIDR as people write one in a rule (firewall `sources`/`destinations`, a key's `allowed_ips`), read
 * leniently where the meaning is still single: surrounding blanks dropped, and a bare address taken as its
 * single host (`203.0.113.7` is `203.0.113.7/32`, `2001:DB8::1` is `2001:db8::1/128`) — nobody means a
 * network by a bare address. Everything else as parseCidr. The API's firewall fields take only the strict
 * form, so callers send `canonicalRuleCidr` of what was written.
 */
export function parseRuleCidr(text: string): Cidr {
  const trimmed = text.trim();
  if (trimmed.includes('/')) return parseCidr(trimmed);
  const family = trimmed.includes(':') ? 6 : 4;
  const bytes = family === 4 ? parseIpv4Bytes(trimmed) : parseIpv6Bytes(trimmed);
  if (bytes === undefined) throw new CidrError(`must be an IPv4 or IPv6 CIDR or address, ${EXAMPLES}`);
  return { family, bytes, prefix: family === 4 ? 32 : 128 };
}

/** `parseRuleCidr` then `formatCidr`: `203.0.113.7` → `203.0.113.7/32`, ` ::0/0 ` → `::/0`. */
export function canonicalRuleCidr(text: string): string {
  return formatCidr(parseRuleCidr(text));
}

/** `203.0.113.7` and `203.0.113.7/32`, `2001:DB8::1` and `2001:db8::1/128`: one host. */
export function sameRuleCidr(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalRuleCidr);
}

/** `10.0.0.5/8` and `10.0.0.0/8`, `::0/0` and `::/0`: one network. Unreadable text equals only itself. */
export function sameCidr(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalCidr);
}

/**
 * Host bits that the canonical form would zero: `10.0.0.5/8` is accepted as `10.0.0.0/8`, which is rarely
 * what was meant. The provider and constructs can warn with this; undefined when the text is canonical
 * already or not a CIDR at all.
 */
export function hostBitsHint(text: string): string | undefined {
  let cidr: Cidr;
  try {
    cidr = parseCidr(text);
  } catch (error) {
    if (error instanceof CidrError) return undefined;
    throw error;
  }
  const canonical = formatCidr(cidr);
  const [address = ''] = text.split('/');
  const asWritten = formatCidr({ ...cidr, bytes: addressBytes(address, cidr.family) });
  if (asWritten === canonical) return undefined;
  const host = cidr.family === 4 ? 32 : 128;
  return `${text} has host bits set and means the network ${canonical}; for the single host write ${canonicalAddress(address, cidr.family)}/${host}`;
}

/** IPv4 before IPv6, then by network address, then by prefix length (wider networks first). */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family - b.family;
  for (let i = 0; i < a.bytes.length; i++) {
    const diff = (a.bytes[i] ?? 0) - (b.bytes[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.prefix - b.prefix;
}

/** "did you mean 203.0.113.7/32?": a bare address is most often one host. */
function singleHostFix(text: string): string | undefined {
  const family = text.includes(':') ? 6 : 4;
  const bytes = family === 4 ? parseIpv4Bytes(text) : parseIpv6Bytes(text);
  if (bytes === undefined) return undefined;
  const host = family === 4 ? 32 : 128;
  return `did you mean ${canonicalAddress(text, family)}/${host}?`;
}

function addressBytes(text: string, family: 4 | 6): Uint8Array {
  return (
    (family === 4 ? parseIpv4Bytes(text) : parseIpv6Bytes(text)) ?? new Uint8Array(family === 4 ? 4 : 16)
  );
}

function canonicalAddress(text: string, family: 4 | 6): string {
  const bytes = addressBytes(text, family);
  return family === 4 ? formatIpv4Bytes(bytes) : formatIpv6Bytes(bytes, 'dotted');
}

function zeroHostBits(address: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(address.length);
  for (let i = 0; i < address.length; i++) {
    const bitsKept = Math.min(8, Math.max(0, prefix - 8 * i));
    const mask = bitsKept === 0 ? 0 : (0xff << (8 - bitsKept)) & 0xff;
    out[i] = (address[i] ?? 0) & mask;
  }
  return out;
}
