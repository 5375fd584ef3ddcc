import { Token } from 'cdktf';
import { formatPorts, judge, parsePorts, type FirewallProtocol } from '../src/spelling';
import { InvalidValueError } from './errors';

/**
 * What a firewall rule lets through: a protocol and, for TCP and UDP, a port or a range. Built with the
 * static methods (`Port.tcp(22)`, `Port.tcpRange(8000, 9000)`, `Port.icmp()`), which check the numbers with
 * the API's own rule when they are built, so a mistake fails at the line that made it.
 */
export class Port {
  /** One TCP port, 1 to 65535. */
  static tcp(port: number): Port {
    return new Port('tcp', portsText('Port.tcp', port, port));
  }

  /** TCP ports `from` to `to`, both included; `from` must be below `to`. */
  static tcpRange(from: number, to: number): Port {
    return new Port('tcp', portsText('Port.tcpRange', from, to));
  }

  /** Every TCP port. */
  static allTcp(): Port {
    return new Port('tcp', '1-65535');
  }

  /** One UDP port, 1 to 65535. */
  static udp(port: number): Port {
    return new Port('udp', portsText('Port.udp', port, port));
  }

  /** UDP ports `from` to `to`, both included; `from` must be below `to`. */
  static udpRange(from: number, to: number): Port {
    return new Port('udp', portsText('Port.udpRange', from, to));
  }

  /** Every UDP port. */
  static allUdp(): Port {
    return new Port('udp', '1-65535');
  }

  /** ICMP (ping, path MTU discovery); it has no ports. */
  static icmp(): Port {
    return new Port('icmp', undefined);
  }

  private constructor(
    /** `tcp`, `udp` or `icmp`. */
    readonly protocol: FirewallProtocol,
    /** `"22"` or `"8000-9000"` as the API spells it; undefined for ICMP. */
    readonly ports: string | undefined,
  ) {}

  /** `tcp/22`, `udp/8000-9000`, `icmp`: how error messages and construct ids name it. */
  toString(): string {
    return this.ports === undefined ? this.protocol : `${this.protocol}/${this.ports}`;
  }
}

function portsText(method: string, from: number, to: number): string {
  if (Token.isUnresolved(from) || Token.isUnresolved(to))
    throw new InvalidValueError(
      `${method}(…)`,
      'takes port numbers, not tokens: a firewall is written before apply',
    );
  const text = from === to ? String(from) : `${from}-${to}`;
  if (!Number.isInteger(from) || !Number.isInteger(to))
    throw new InvalidValueError(
      `${method}(${from === to ? from : `${from}, ${to}`})`,
      'must be whole port numbers',
    );
  const verdict = judge(() => formatPorts(parsePorts(text)));
  if (!verdict.ok) {
    const args = from === to ? `${from}` : `${from}, ${to}`;
    const fix =
      from > to
        ? `write ${method}(${to}, ${from})`
        : from === to && method.endsWith('Range')
          ? `write ${method.replace('Range', '')}(${from})`
          : undefined;
    throw new InvalidValueError(`${method}(${args})`, verdict.problem.reason, fix);
  }
  return verdict.canonical;
}
