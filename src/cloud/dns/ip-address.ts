import { formatIpv6Bytes, parseIpv4Bytes, parseIpv6Bytes } from '../net/ip-address';

/** Text that is not an address of the wanted family; `reason` reads after the field name. */
export class IpAddressError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'IpAddressError';
  }
}

const IPV4_REASON = 'must be an IPv4 address in dotted-decimal form, such as 203.0.113.10';
const IPV6_REASON = 'must be an IPv6 address, such as 2001:db8::1';

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
