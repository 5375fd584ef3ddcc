import { Token } from 'cdktf';
import { canonicalCidr, judge } from '../src/spelling';
import { InvalidValueError } from './errors';

/**
 * Who a firewall rule applies to: one or more CIDRs. `Peer.anyIpv4()`, `Peer.ipv4('203.0.113.0/24')`,
 * `Peer.host('203.0.113.7')`. CIDRs are checked with the API's own rule when built, and a bare address
 * given where a CIDR belongs says what it probably meant (`did you mean 203.0.113.7/32?`). Spellings the API
 * canonicalizes (`::0/0`, host bits set, upper-case IPv6) are accepted and kept as written: the provider
 * treats them as the same value, so they never show a diff.
 */
export class Peer {
  /** Every IPv4 address (`0.0.0.0/0`). */
  static anyIpv4(): Peer {
    return new Peer(['0.0.0.0/0']);
  }

  /** Every IPv6 address (`::/0`). */
  static anyIpv6(): Peer {
    return new Peer(['::/0']);
  }

  /** Every address, IPv4 and IPv6. */
  static anyIp(): Peer {
    return new Peer(['0.0.0.0/0', '::/0']);
  }

  /** An IPv4 network, `203.0.113.0/24`. */
  static ipv4(cidr: string): Peer {
    return new Peer([checkedCidr('Peer.ipv4', cidr, 4)]);
  }

  /** An IPv6 network, `2001:db8::/32`. */
  static ipv6(cidr: string): Peer {
    return new Peer([checkedCidr('Peer.ipv6', cidr, 6)]);
  }

  /**
   * One host by its address: `/32` for IPv4, `/128` for IPv6. A token (a server's `ipv4`) is taken as an IPv4
   * address; for a server's IPv6 address use `Peer.ipv6(`${server.ipv6}/128`)`.
   */
  static host(address: string): Peer {
    if (Token.isUnresolved(address)) return new Peer([`${address}/32`]);
    const family = address.includes(':') ? 6 : 4;
    return new Peer([checkedCidr('Peer.host', `${address}/${family === 4 ? 32 : 128}`, family)]);
  }

  /** Several peers as one, for a rule that admits all of them. */
  static anyOf(...peers: Peer[]): Peer {
    return new Peer(peers.flatMap((p) => p.cidrs));
  }

  private constructor(
    /** The CIDRs as written (tokens included), duplicates removed. */
    readonly cidrs: readonly string[],
  ) {
    this.cidrs = [...new Set(cidrs)];
  }

  toString(): string {
    return this.cidrs.join(',');
  }
}

function checkedCidr(method: string, cidr: string, family: 4 | 6): string {
  if (Token.isUnresolved(cidr)) return cidr;
  const verdict = judge(() => canonicalCidr(cidr));
  if (!verdict.ok)
    throw new InvalidValueError(`${method}('${cidr}')`, verdict.problem.reason, verdict.problem.fix);
  const isV6 = verdict.canonical.includes(':');
  if (isV6 !== (family === 6)) {
    const other = family === 4 ? 'Peer.ipv6' : 'Peer.ipv4';
    throw new InvalidValueError(
      `${method}('${cidr}')`,
      `is an IPv${isV6 ? 6 : 4} network`,
      `write ${other}('${cidr}')`,
    );
  }
  return cidr;
}
