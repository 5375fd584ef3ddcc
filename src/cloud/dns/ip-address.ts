/** Text that is not an address of the wanted family; `reason` reads after the field name. */
export class IpAddressError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'IpAddressError';
  }
}

const IPV4_REASON = 'must be an IPv4 address in dotted-decimal form, such as 203.0.113.10';
const IPV6_REASON = 'must be an IPv6 address, such as 2001:db8::1';
const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * The four octets of a dotted-decimal IPv4 address. Leading zeros are refused: `010.0.0.1` is octal to
 * some parsers and decimal to others, so it has no single meaning.
 */
export function parseIpv4(text: string): [number, number, number, number] {
  const parts = text.split('.');
  if (parts.length !== 4) throw new IpAddressError(IPV4_REASON);
  const octets = parts.map((part) => {
    if (!DECIMAL_OCTET.test(part)) throw new IpAddressError(IPV4_REASON);
    const value = Number(part);
    if (value > 255) throw new IpAddressError(IPV4_REASON);
    return value;
  });
  return octets as [number, number, number, number];
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
  const halves = text.split('::');
  if (halves.length > 2) throw new IpAddressError(IPV6_REASON);
  const head = groupsOf(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string, true) : [];
  if (halves.length === 1) {
    if (head.length !== 8) throw new IpAddressError(IPV6_REASON);
    return head;
  }
  // `::` stands for at least one zero group.
  const missing = 8 - head.length - tail.length;
  if (missing < 1) throw new IpAddressError(IPV6_REASON);
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** The groups of one side of `::`; only the last side of the address may end in a dotted IPv4 part. */
function groupsOf(side: string, mayEndInIpv4: boolean): number[] {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  parts.forEach((part, index) => {
    if (mayEndInIpv4 && index === parts.length - 1 && part.includes('.')) {
      const [a, b, c, d] = parseIpv4OrRefuse(part);
      groups.push((a << 8) | b, (c << 8) | d);
      return;
    }
    if (!HEX_GROUP.test(part)) throw new IpAddressError(IPV6_REASON);
    groups.push(parseInt(part, 16));
  });
  return groups;
}

function parseIpv4OrRefuse(text: string): [number, number, number, number] {
  try {
    return parseIpv4(text);
  } catch {
    throw new IpAddressError(IPV6_REASON);
  }
}

/**
 * The RFC 5952 text of an IPv6 address: lower-case hex without leading zeros, and the longest run of two or
 * more zero groups (the first, on a tie) written as `::`. Every address has exactly one such form, so two
 * spellings of one address compare equal. An embedded IPv4 tail comes back in hex (`::ffff:c000:201`).
 */
export function canonicalIpv6(text: string): string {
  const groups = parseIpv6(text);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  const before = hex.slice(0, bestStart).join(':');
  const after = hex.slice(bestStart + bestLength).join(':');
  return `${before}::${after}`;
}
