/**
 * IPv4 and IPv6 addresses: one strict parser and one canonical writer for everything that reads addresses
 * (firewall CIDRs, `allowed_ips`, DNS A and AAAA data), in the cloud and in the provider alike.
 *
 * Parsing refuses what has no single meaning: IPv4 octets with leading zeros (`010` is octal to some
 * parsers), IPv6 zone ids and brackets, and a dotted IPv4 tail anywhere but at the very end of an address.
 */

import { SpellingError, sameCanonical } from './errors';

/** Text that is not an address of the wanted family; `reason` reads after the field name. */
export class IpAddressError extends SpellingError {
  readonly code = 'invalid_ip_address';
}

const IPV4_REASON = 'must be an IPv4 address in dotted-decimal form, such as 203.0.113.10';
const IPV6_REASON = 'must be an IPv6 address, such as 2001:db8::1';

const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The 4 bytes of a dotted-decimal IPv4 address, or undefined. */
export function parseIpv4Bytes(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

/**
 * The 16 bytes of an IPv6 address — full, `::`-compressed (`::` stands for at least one zero group), or with
 * an embedded dotted IPv4 tail (`::ffff:192.0.2.1`) — or undefined.
 */
export function parseIpv6Bytes(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '', true) : [];
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

/** The 16-bit groups of one side of `::`; only the end of the address may be a dotted IPv4 part. */
function groupsOf(side: string, mayEndInIpv4: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (mayEndInIpv4 && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Bytes(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!HEX_GROUP.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

export function formatIpv4Bytes(bytes: Uint8Array): string {
  return Array.from(bytes).join('.');
}

/**
 * RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more zero groups (the first,
 * on a tie) written `::`. `mappedIpv4: 'dotted'` writes IPv4-mapped addresses as `::ffff:192.0.2.1` (RFC 5952
 * section 5, for network ranges); `'hex'` keeps every group in hex (DNS data, stored as the address is).
 */
export function formatIpv6Bytes(bytes: Uint8Array, mappedIpv4: 'dotted' | 'hex'): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mappedIpv4 === 'dotted' && isMapped) return `::ffff:${formatIpv4Bytes(bytes.subarray(12))}`;

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
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * The four octets of a dotted-decimal IPv4 address. Leading zeros are refused: `010.0.0.1` is octal to
 * some parsers and decimal to others, so it has no single meaning.
 */
export function parseIpv4(text: string): [number, number, number, number] {
  const bytes = parseIpv4Bytes(text);
  if (bytes === undefined) throw new IpAddressError(IPV4_REASON);
  return Array.from(bytes) as [number, number, number, number];
}

/** A valid IPv4 address, unchanged (dotted decimal without leading zeros is already canonical). */
export function canonicalIpv4(text: string): string {
  return parseIpv4(text).join('.');
}

/**
 * The eight 16-bit groups of an IPv6 address: full, `::`-compressed, or with an embedded dotted IPv4 tail
 * (`::ffff:192.0.2.1`). Zone ids (`fe80::1%eth0`) and brackets are refused: they are not part of an address.
 */
export function parseIpv6(text: string): number[] {
  const bytes = parseIpv6Bytes(text);
  if (bytes === undefined) throw new IpAddressError(IPV6_REASON);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return groups;
}

/**
 * The RFC 5952 text of an IPv6 address, so two spellings of one address compare equal. An embedded IPv4
 * tail comes back in hex (`::ffff:c000:201`): DNS data is stored as the address, not as a range notation.
 */
export function canonicalIpv6(text: string): string {
  const bytes = parseIpv6Bytes(text);
  if (bytes === undefined) throw new IpAddressError(IPV6_REASON);
  return formatIpv6Bytes(bytes, 'hex');
}

/** Either family: IPv4 as it is, IPv6 in RFC 5952 form. */
export function canonicalIpAddress(text: string): string {
  if (text.includes(':')) return canonicalIpv6(text);
  const bytes = parseIpv4Bytes(text);
  if (bytes === undefined) {
    throw new IpAddressError('must be an IPv4 or IPv6 address, such as 203.0.113.10 or 2001:db8::1');
  }
  return formatIpv4Bytes(bytes);
}

/** `2001:DB8:0::1` and `2001:db8::1` are one address; unreadable text equals only itself. */
export function sameIpAddress(a: string, b: string): boolean {
  return sameCanonical(a, b, canonicalIpAddress);
}
