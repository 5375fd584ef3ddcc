/**
 * IPv4 and IPv6 CIDRs: strict parsing, the canonical spelling the API answers with, and a total order.
 *
 * Canonical form: host bits zero (`10.0.0.5/8` → `10.0.0.0/8`), IPv4 in dotted decimal without leading
 * zeros, IPv6 per RFC 5952 (lower case, no leading zeros in a group, the longest run of two or more zero
 * groups — the first on a tie — written `::`, IPv4-mapped addresses as `::ffff:192.0.2.1`).
 */

/** A CIDR that cannot be used; `reason` reads after the field name ("must be ..."). */
export class CidrError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CidrError';
  }
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address, host bits zero: 4 bytes for IPv4, 16 for IPv6. */
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

const EXAMPLES = 'such as 203.0.113.0/24 or 2001:db8::/32';
const PREFIX_PATTERN = /^(0|[1-9][0-9]{0,2})$/;
const OCTET_PATTERN = /^(0|[1-9][0-9]{0,2})$/;
const GROUP_PATTERN = /^[0-9a-fA-F]{1,4}$/;

/** Parses `address/prefix` and zeroes the host bits. Throws CidrError with a reason for a person. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  if (slash === -1) {
    throw new CidrError(`must be a CIDR with a prefix length, ${EXAMPLES} (a single host is /32 or /128)`);
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family = addressText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
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
  const address = cidr.family === 4 ? formatIpv4(cidr.bytes) : formatIpv6(cidr.bytes);
  return `${address}/${cidr.prefix}`;
}

/** `parseCidr` then `formatCidr`: `::0/0` → `::/0`, `10.0.0.5/8` → `10.0.0.0/8`. */
export function canonicalCidr(text: string): string {
  return formatCidr(parseCidr(text));
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

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    // Leading zeros are refused: some tools read `010` as octal 8, so the intent is ambiguous.
    if (!OCTET_PATTERN.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const given = head.length + tail.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  for (const [i, group] of groups.entries()) {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  }
  return bytes;
}

/** The 16-bit groups of one side of `::`; a trailing dotted IPv4 address counts as two groups. */
function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!GROUP_PATTERN.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
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

function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes).join('.');
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));

  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) return `::ffff:${formatIpv4(bytes.subarray(12))}`;

  // RFC 5952 4.2: compress the longest run of at least two zero groups, the first such run on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}
