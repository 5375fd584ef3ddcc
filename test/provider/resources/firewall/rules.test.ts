import {
  checkFirewallName,
  checkRules,
  describeRule,
  sameFirewallName,
  sameRuleList,
} from '../../../../src/provider/resources/firewall/rules';
import { UNKNOWN, type Value } from '../../../../src/provider/protocol/values';

const inbound = (protocol: Value, ports: Value, sources: Value) => ({ protocol, ports, sources });
const checkInbound = checkRules('inbound_rules');
const sameInbound = sameRuleList('inbound_rules');

describe('firewall rules at validate time', () => {
  it('accepts what the API accepts', () => {
    expect(
      checkInbound([
        inbound('tcp', '22', ['0.0.0.0/0', '::0/0']),
        inbound('udp', '8000-9000', ['10.0.0.1/8', '2001:DB8:0:0:0:0:0:0/32']),
        inbound('icmp', null, ['0.0.0.0/0']),
      ]),
    ).toBeUndefined();
    expect(checkInbound([])).toBeUndefined();
  });

  it('refuses ports on ICMP and their absence on TCP/UDP, naming the rule and the fix', () => {
    expect(checkInbound([inbound('icmp', '22', ['0.0.0.0/0'])])).toBe(
      'the rule { protocol = "icmp", ports = "22", sources = ["0.0.0.0/0"] }: ports must not be given for an icmp rule; remove ports from this rule.',
    );
    expect(checkInbound([inbound('tcp', null, ['0.0.0.0/0'])])).toMatch(
      /the rule \{ protocol = "tcp", sources = \["0\.0\.0\.0\/0"\] \}: ports is required for a tcp rule; add ports/,
    );
  });

  it('accepts every spelling with one meaning: TCP, 22-22, 0022, blanks, bare addresses, ::0/0', () => {
    expect(
      checkInbound([
        inbound('TCP', '22-22', ['203.0.113.7', '2001:DB8::1', '::0/0']),
        inbound(' Udp ', ' 0053 ', [' 10.0.0.1 ']),
        inbound('ICMP', null, ['0.0.0.0/0']),
      ]),
    ).toBeUndefined();
  });

  it('refuses ports out of range and a reversed range with its fix', () => {
    expect(checkInbound([inbound('tcp', '70000', ['0.0.0.0/0'])])).toContain(
      'ports must name ports from 1 to 65535',
    );
    expect(checkInbound([inbound('tcp', '9000-8000', ['0.0.0.0/0'])])).toContain(
      'ports must be a range whose first port is not above its last; write "8000-9000"',
    );
    expect(checkInbound([inbound('tcp', '80:90', ['0.0.0.0/0'])])).toContain('write "80-90"');
    expect(checkInbound([inbound('tcp', '0', ['0.0.0.0/0'])])).toContain(
      'ports must name ports from 1 to 65535',
    );
    expect(checkInbound([inbound('tcp', 'ssh', ['0.0.0.0/0'])])).toContain('ports must be a port such as');
  });

  it('refuses a malformed CIDR or address with the reason', () => {
    expect(checkInbound([inbound('tcp', '22', ['203.0.113.256'])])).toContain(
      'sources "203.0.113.256" must be an IPv4 or IPv6 CIDR or address, such as 203.0.113.0/24 or 2001:db8::/32',
    );
    expect(checkInbound([inbound('tcp', '22', ['10.0.0.0/33'])])).toContain(
      'must have a prefix length from 0 to 32 for IPv4',
    );
    expect(checkInbound([inbound('tcp', '22', ['banana/8'])])).toContain('sources "banana/8" must be');
    expect(checkInbound([inbound('tcp', '22', [])])).toContain('sources must list at least one CIDR');
  });

  it('refuses an unknown protocol, and judges ports against the protocol however it is spelt', () => {
    expect(checkInbound([inbound('sctp', '22', ['0.0.0.0/0'])])).toContain(
      'protocol must be one of "icmp", "tcp", "udp"',
    );
    expect(checkInbound([inbound('ICMP', '22', ['0.0.0.0/0'])])).toContain(
      'ports must not be given for an icmp rule',
    );
    expect(checkInbound([inbound('TCP', null, ['0.0.0.0/0'])])).toContain('ports is required for a tcp rule');
  });

  it('reports every bad rule at once, and leaves unknown members to apply time', () => {
    const message = checkInbound([inbound('icmp', '1', ['0.0.0.0/0']), inbound('udp', null, ['x'])]);
    expect(message?.split('\n')).toHaveLength(2);
    expect(checkInbound([inbound('tcp', UNKNOWN, [UNKNOWN])])).toBeUndefined();
    expect(checkInbound([inbound(UNKNOWN, '22', ['0.0.0.0/0'])])).toBeUndefined();
  });

  it('names outbound rules by their destinations', () => {
    expect(checkRules('outbound_rules')([{ protocol: 'udp', ports: null, destinations: ['::/0'] }])).toBe(
      'the rule { protocol = "udp", destinations = ["::/0"] }: ports is required for a udp rule; add ports, such as "443" or "1-65535" for every port.',
    );
  });

  it('describes a rule with unknown members', () => {
    expect(describeRule(inbound('tcp', UNKNOWN, ['0.0.0.0/0']), 'sources')).toBe(
      '{ protocol = "tcp", ports = (known after apply), sources = ["0.0.0.0/0"] }',
    );
  });

  it('checks the name by the API rule, blanks around it not part of it', () => {
    expect(checkFirewallName('web')).toBeUndefined();
    expect(checkFirewallName('   ')).toBe('name must not be empty or only blanks');
    expect(sameFirewallName(' web ', 'web')).toBe(true);
    expect(sameFirewallName('web', 'Web')).toBe(false);
  });
});

describe('firewall rules equivalence', () => {
  const api = [inbound('tcp', '22', ['0.0.0.0/0', '::/0']), inbound('icmp', null, ['10.0.0.0/8'])];

  it.each([
    ['::0/0 for ::/0', [inbound('tcp', '22', ['0.0.0.0/0', '::0/0']), inbound('icmp', null, ['10.0.0.0/8'])]],
    ['host bits set', [inbound('tcp', '22', ['0.0.0.0/0', '::/0']), inbound('icmp', null, ['10.0.0.1/8'])]],
    [
      'long-hand IPv6',
      [inbound('tcp', '22', ['0.0.0.0/0', '0:0:0:0:0:0:0:0/0']), inbound('icmp', null, ['10.0.0.0/8'])],
    ],
    [
      'duplicate rules',
      [
        inbound('icmp', null, ['10.0.0.0/8']),
        inbound('tcp', '22', ['::/0', '0.0.0.0/0']),
        inbound('icmp', null, ['10.0.0.5/8']),
      ],
    ],
    [
      'duplicate CIDRs in a rule',
      [inbound('tcp', '22', ['0.0.0.0/0', '::/0', '::0/0']), inbound('icmp', null, ['10.0.0.0/8'])],
    ],
    ['reordered rules', [inbound('icmp', null, ['10.0.0.0/8']), inbound('tcp', '22', ['::/0', '0.0.0.0/0'])]],
    [
      'TCP, ICMP, 22-22 and 0022',
      [inbound('TCP', '22-22', ['0.0.0.0/0', '::/0']), inbound('ICMP', null, ['10.0.0.0/8'])],
    ],
    [
      '" tcp " and " 22 "',
      [inbound(' tcp ', ' 0022 ', ['0.0.0.0/0', '::/0']), inbound('icmp', null, ['10.0.0.0/8'])],
    ],
  ])('%s is the same rule list', (_name, written) => {
    expect(sameInbound(written, api)).toBe(true);
    expect(sameInbound(api, written)).toBe(true);
  });

  it('upper-case long-hand IPv6 is the short lower-case network', () => {
    expect(
      sameInbound(
        [inbound('udp', '53', ['2001:0DB8:0000:0000:0000:0000:0000:0001/32'])],
        [inbound('udp', '53', ['2001:db8::/32'])],
      ),
    ).toBe(true);
  });

  it('a bare address is its single host, IPv4 /32 and IPv6 /128', () => {
    expect(
      sameInbound(
        [inbound('tcp', '22', ['203.0.113.7', '2001:DB8::1'])],
        [inbound('tcp', '22', ['203.0.113.7/32', '2001:db8::1/128'])],
      ),
    ).toBe(true);
    expect(
      sameInbound([inbound('tcp', '22', ['203.0.113.7'])], [inbound('tcp', '22', ['203.0.113.0/24'])]),
    ).toBe(false);
  });

  it('sees real changes', () => {
    expect(sameInbound([inbound('tcp', '22', ['0.0.0.0/0'])], api)).toBe(false);
    expect(sameInbound([inbound('tcp', '23', ['0.0.0.0/0', '::/0']), api[1]!], api)).toBe(false);
    expect(sameInbound([inbound('udp', '22', ['0.0.0.0/0', '::/0']), api[1]!], api)).toBe(false);
    expect(sameInbound([], api)).toBe(false);
  });

  it('never equates a list it cannot read, and never throws on one', () => {
    expect(sameInbound([inbound('tcp', '22', ['nonsense'])], [inbound('tcp', '22', ['0.0.0.0/0'])])).toBe(
      false,
    );
    expect(sameInbound([inbound('tcp', UNKNOWN, ['0.0.0.0/0'])], [inbound('tcp', '22', ['0.0.0.0/0'])])).toBe(
      false,
    );
    expect(sameInbound(null, [])).toBe(false);
  });
});
