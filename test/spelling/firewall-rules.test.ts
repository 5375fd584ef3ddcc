import { CidrError } from '../../src/spelling/cidr';
import {
  canonicalRules,
  canonicalWrittenRule,
  parseProtocol,
  parseRuleProtocol,
  portsForProtocolProblem,
  ProtocolError,
  sameRuleProtocol,
  sameRules,
  type FirewallRule,
} from '../../src/spelling/firewall-rules';

type Inbound = FirewallRule<'sources'>;

function canonical(rules: Inbound[]): Inbound[] {
  const result = canonicalRules(rules, 'sources', 'inbound_rules');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rules;
}

describe('canonicalRules', () => {
  it('canonicalizes, sorts and de-duplicates the CIDRs of a rule', () => {
    expect(
      canonical([
        { protocol: 'tcp', ports: '22', sources: ['::0/0', '10.0.0.5/8', '0.0.0.0/0', '10.9.9.9/8'] },
      ]),
    ).toEqual([{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '10.0.0.0/8', '::/0'] }]);
  });

  it('sorts rules by protocol, then ports, then CIDRs, and drops rules equal after canonicalization', () => {
    const rules: Inbound[] = [
      { protocol: 'udp', ports: '53', sources: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: '22', sources: ['192.0.2.0/24'] },
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '10.0.0.0/8'] },
      { protocol: 'tcp', ports: '22', sources: ['10.1.1.1/8'] },
      { protocol: 'tcp', ports: '22-80', sources: ['0.0.0.0/0'] },
      { protocol: 'icmp', sources: ['::/0'] },
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '192.0.2.0/24'] },
    ];
    expect(canonical(rules)).toEqual([
      { protocol: 'icmp', sources: ['::/0'] },
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8'] },
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '192.0.2.0/24'] },
      { protocol: 'tcp', ports: '22', sources: ['192.0.2.0/24'] },
      { protocol: 'tcp', ports: '22-80', sources: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] },
      { protocol: 'udp', ports: '53', sources: ['0.0.0.0/0'] },
    ]);
  });

  it('gives the same answer for any order of the same rules', () => {
    const rules: Inbound[] = [
      { protocol: 'tcp', ports: '80', sources: ['::/0', '0.0.0.0/0'] },
      { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      { protocol: 'udp', ports: '1000-2000', sources: ['2001:db8::/32'] },
    ];
    const expected = canonical(rules);
    expect(canonical([...rules].reverse())).toEqual(expected);
    expect(canonical(expected)).toEqual(expected);
  });

  it('names every bad CIDR by its path', () => {
    const result = canonicalRules(
      [
        { protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0'] },
        { protocol: 'tcp', ports: '80', sources: ['10.0.0.0/8', '10.0.0.0/99', 'x'] },
      ],
      'sources',
      'inbound_rules',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'inbound_rules[1].sources[1]',
      'inbound_rules[1].sources[2]',
    ]);
    expect(result.errors[0].reason).toMatch(/^must have a prefix length from 0 to 32/);
  });

  it('uses the outbound key and field name for outbound rules', () => {
    const result = canonicalRules(
      [{ protocol: 'icmp', destinations: ['bad'] }],
      'destinations',
      'outbound_rules',
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['outbound_rules[0].destinations[0]']);
  });
});

describe('sameRules', () => {
  it('ignores order, repeats and CIDR spellings', () => {
    const a: Inbound[] = [
      { protocol: 'tcp', ports: '22', sources: ['::0/0', '10.0.0.5/8'] },
      { protocol: 'icmp', sources: ['0.0.0.0/0'] },
    ];
    const b: Inbound[] = [
      { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '::/0'] },
      { protocol: 'icmp', sources: ['0.0.0.0/0'] },
    ];
    expect(sameRules(a, b, 'sources')).toBe(true);
  });

  it('sees a real change, and never throws on a bad rule', () => {
    const a: Inbound[] = [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0'] }];
    expect(sameRules(a, [{ protocol: 'tcp', ports: '23', sources: ['0.0.0.0/0'] }], 'sources')).toBe(false);
    expect(sameRules(a, [{ protocol: 'udp', ports: '22', sources: ['0.0.0.0/0'] }], 'sources')).toBe(false);
    expect(sameRules(a, [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/1'] }], 'sources')).toBe(false);
    expect(sameRules(a, [{ protocol: 'tcp', ports: '22', sources: ['nope'] }], 'sources')).toBe(false);
    expect(sameRules(a, [{ protocol: 'tcp', ports: '23-22', sources: ['0.0.0.0/0'] }], 'sources')).toBe(
      false,
    );
    expect(sameRules(a, [{ protocol: 'sctp', ports: '22', sources: ['0.0.0.0/0'] }], 'sources')).toBe(false);
  });

  it('takes every spelling with one meaning as the same rules: TCP, 22-22, 0022, bare addresses', () => {
    const canonical: Inbound[] = [
      { protocol: 'tcp', ports: '22', sources: ['203.0.113.7/32', '2001:db8::1/128'] },
    ];
    const written = [
      { protocol: 'TCP', ports: '22-22', sources: ['2001:DB8::1', '203.0.113.7'] },
      { protocol: ' tcp ', ports: '0022', sources: ['2001:db8::1', '203.0.113.7/32 '] },
    ];
    expect(sameRules(canonical, written, 'sources')).toBe(true);
    expect(sameRules(written, canonical, 'sources')).toBe(true);
  });
});

describe('canonicalWrittenRule', () => {
  it('spells each member as the API takes it, CIDRs in the order written', () => {
    expect(
      canonicalWrittenRule(
        { protocol: 'Udp', ports: ' 8000 - 9000 ', destinations: ['2001:DB8::1', '::0/0', '10.0.0.5/8'] },
        'destinations',
      ),
    ).toEqual({
      protocol: 'udp',
      ports: '8000-9000',
      destinations: ['2001:db8::1/128', '::/0', '10.0.0.0/8'],
    });
    expect(canonicalWrittenRule({ protocol: 'ICMP', sources: ['0.0.0.0/0'] }, 'sources')).toEqual({
      protocol: 'icmp',
      sources: ['0.0.0.0/0'],
    });
  });

  it('throws the refusal of the first member it cannot read', () => {
    expect(() => canonicalWrittenRule({ protocol: 'tcp', ports: '80-22', sources: [] }, 'sources')).toThrow(
      'write "22-80"',
    );
    expect(() =>
      canonicalWrittenRule({ protocol: 'tcp', ports: '22', sources: ['10.0.0.0/33'] }, 'sources'),
    ).toThrow(CidrError);
  });
});

describe('parseRuleProtocol', () => {
  it('takes any letter case and surrounding blanks', () => {
    expect(parseRuleProtocol('TCP')).toBe('tcp');
    expect(parseRuleProtocol(' Udp ')).toBe('udp');
    expect(parseRuleProtocol('icmp')).toBe('icmp');
    expect(sameRuleProtocol('TCP', 'tcp')).toBe(true);
    expect(sameRuleProtocol('tcp', 'udp')).toBe(false);
    expect(sameRuleProtocol('sctp', 'SCTP')).toBe(false);
  });

  it('refuses what is no protocol the API knows, with its reason', () => {
    expect(() => parseRuleProtocol('sctp')).toThrow(ProtocolError);
    expect(() => parseRuleProtocol('sctp')).toThrow(/^must be one of "icmp", "tcp", "udp"$/);
    expect(() => parseRuleProtocol('t c p')).toThrow(ProtocolError);
  });
});

describe('parseProtocol', () => {
  it('takes the three protocols as the API spells them', () => {
    expect(parseProtocol('tcp')).toBe('tcp');
    expect(parseProtocol('udp')).toBe('udp');
    expect(parseProtocol('icmp')).toBe('icmp');
  });

  it('refuses other spellings, with the lower-case fix where there is one', () => {
    expect(() => parseProtocol('TCP')).toThrow(ProtocolError);
    expect(() => parseProtocol('TCP')).toThrow('must be one of "icmp", "tcp", "udp"; write "tcp"');
    expect(() => parseProtocol(' Udp ')).toThrow('write "udp"');
    expect(() => parseProtocol('sctp')).toThrow(/^must be one of "icmp", "tcp", "udp"$/);
  });
});

describe('portsForProtocolProblem', () => {
  it('refuses ports on ICMP and requires them for TCP and UDP', () => {
    expect(portsForProtocolProblem('icmp', true)).toBe('must not be given for an icmp rule');
    expect(portsForProtocolProblem('tcp', false)).toBe('is required for a tcp rule');
    expect(portsForProtocolProblem('udp', false)).toBe('is required for a udp rule');
    expect(portsForProtocolProblem('icmp', false)).toBeUndefined();
    expect(portsForProtocolProblem('tcp', true)).toBeUndefined();
  });
});
