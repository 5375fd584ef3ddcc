import { CidrError, formatCidr, parseCidr, parseRuleCidr, type Cidr } from './cidr';
import { SpellingError } from './errors';

/** An `allowed_ips` entry that is not a range; `reason` reads after the field name. */
export class AllowedIpError extends SpellingError {
  readonly code = 'invalid_allowed_ip';
}

/**
 * The canonical form of a key's `allowed_ips`: each entry a CIDR with host bits zero (a bare address is
 * the single-host range, `/32` or `/128`), an IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) written as
 * the IPv4 range it is (`10.0.0.0/8`), duplicates removed, order kept. Mapped ranges are rewritten, not
 * refused: clients are matched as IPv4 (see isAddressAllowed), so the mapped form could never match, and
 * the IPv4 form is exactly what it meant.
 */
export function canonicalAllowedIps(entries: readonly string[]): string[] {
  const canonical: string[] = [];
  for (const entry of entries) {
    const text = formatCidr(unmapped(parseEntry(entry)));
    if (!canonical.includes(text)) canonical.push(text);
  }
  return canonical;
}

/** Whether two `allowed_ips` lists admit the same ranges in the same order, however each entry is spelt. */
export function sameAllowedIps(a: readonly string[], b: readonly string[]): boolean {
  try {
    const ca = canonicalAllowedIps(a);
    const cb = canonicalAllowedIps(b);
    return ca.length === cb.length && ca.every((range, i) => range === cb[i]);
  } catch (error) {
    if (!(error instanceof AllowedIpError)) throw error;
    return a.length === b.length && a.every((entry, i) => entry === b[i]);
  }
}

/**
 * Whether `remoteAddress` (a socket's address, as Node reports it) lies in one of the canonical ranges.
 * An IPv4 client on a dual-stack socket shows up as `::ffff:a.b.c.d`; it is matched as the IPv4 address
 * it is, so `203.0.113.0/24` admits it whichever way the server listens.
 */
export function isAddressAllowed(ranges: readonly string[], remoteAddress: string | undefined): boolean {
  if (remoteAddress === undefined) return false;
  const address = parseAddress(remoteAddress);
  if (address === undefined) return false;
  return ranges.some((range) => contains(parseCidr(range), address));
}

/** The canonical ranges of `ranges` that do not lie wholly inside one of `outer` (canonical too). */
export function rangesOutside(ranges: readonly string[], outer: readonly string[]): string[] {
  const parsedOuter = outer.map((range) => parseCidr(range));
  return ranges.filter((text) => {
    const range = parseCidr(text);
    return !parsedOuter.some((o) => o.prefix <= range.prefix && contains(o, range));
  });
}

function parseEntry(entry: string): Cidr {
  try {
    return parseRuleCidr(entry);
  } catch (error) {
    if (error instanceof CidrError) {
      throw new AllowedIpError(
        `has ${JSON.stringify(entry)}, which is not an IPv4 or IPv6 address or CIDR (such as 203.0.113.0/24 or 2001:db8::/32)`,
      );
    }
    throw error;
  }
}

/** A client address as a host range; IPv4-mapped IPv6 addresses (`::ffff:0:0/96`) become IPv4. */
function parseAddress(text: string): Cidr | undefined {
  try {
    return unmapped(parseCidr(`${text}/${text.includes(':') ? 128 : 32}`));
  } catch {
    return undefined;
  }
}

/** A range inside `::ffff:0:0/96` as the IPv4 range it maps; anything else unchanged. */
function unmapped(range: Cidr): Cidr {
  const { bytes } = range;
  const isMapped =
    range.family === 6 &&
    range.prefix >= 96 &&
    bytes.subarray(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff;
  return isMapped ? { family: 4, bytes: bytes.slice(12), prefix: range.prefix - 96 } : range;
}

function contains(range: Cidr, address: Cidr): boolean {
  if (range.family !== address.family) return false;
  for (let bit = 0; bit < range.prefix; bit += 1) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((range.bytes[byte] ?? 0) & mask) !== ((address.bytes[byte] ?? 0) & mask)) return false;
  }
  return true;
}
