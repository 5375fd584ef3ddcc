import { parseRule } from '../../../src/cli/commands/firewall';
import { UsageError } from '../../../src/cli/errors';

describe('parseRule', () => {
  it('reads protocol, ports and addresses, IPv6 colons included', () => {
    expect(parseRule('tcp:22@0.0.0.0/0,::/0', 'inbound')).toEqual({
      protocol: 'tcp',
      ports: '22',
      cidrs: ['0.0.0.0/0', '::/0'],
    });
    expect(parseRule('UDP:8000-8100@2001:db8::/32', 'inbound')).toEqual({
      protocol: 'udp',
      ports: '8000-8100',
      cidrs: ['2001:db8::/32'],
    });
  });

  it('takes a rule without ports (icmp) and ignores empty list members', () => {
    expect(parseRule('icmp@10.0.0.0/8,', 'outbound')).toEqual({ protocol: 'icmp', cidrs: ['10.0.0.0/8'] });
  });

  it('refuses rules without addresses or with an empty port, naming the flag and the syntax', () => {
    for (const bad of ['tcp:22', 'tcp:22@', 'tcp:@1.2.3.4/32', '@1.2.3.4/32']) {
      let caught: unknown;
      try {
        parseRule(bad, 'inbound');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).message).toContain(`--inbound '${bad}'`);
      expect((caught as UsageError).message).toContain('PROTO[:PORTS]@CIDR');
    }
  });
});
