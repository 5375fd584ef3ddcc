import { Testing, TerraformStack } from 'cdktf';
import { Firewall, LightyearProvider, Peer, Port, tf } from '../../constructs';
import './cdktf-matchers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new LightyearProvider(s, 'lightyear');
  return s;
}

const errors = (s: TerraformStack) => s.node.findAll().flatMap((c) => c.node.validate());

describe('Firewall', () => {
  it('turns allowInbound/allowOutbound calls into the rule sets of one lightyear_firewall', () => {
    const s = stack();
    const web = new Firewall(s, 'web', { name: 'web' })
      .allowInbound(Port.tcp(22), Peer.ipv4('203.0.113.0/24'))
      .allowInbound(Port.tcpRange(80, 81), Peer.anyIp())
      .allowInbound(Port.icmp(), Peer.anyIpv4())
      .allowOutbound(Port.udp(53), Peer.anyIp());
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveResourceWithProperties(tf.Firewall, {
      name: 'web',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['203.0.113.0/24'] },
        { protocol: 'tcp', ports: '80-81', sources: ['0.0.0.0/0', '::/0'] },
        { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      ],
      outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0', '::/0'] }],
    });
    expect(web.firewallId).toMatch(/TfToken/);
    expect(web.resource.node.path).toBe('test/web/Resource');
    expect(errors(s)).toEqual([]);
  });

  it('has no rules until some are allowed', () => {
    const s = stack();
    new Firewall(s, 'closed', { name: 'closed' });
    const resource = Object.values(
      (JSON.parse(Testing.synth(s)) as { resource: { lightyear_firewall: Record<string, unknown> } }).resource
        .lightyear_firewall,
    )[0] as Record<string, unknown>;
    expect(resource.inbound_rules).toBeUndefined();
  });

  it('refuses an empty name at synth, naming the construct and the prop, and trims a padded one', () => {
    const s = stack();
    new Firewall(s, 'bad', { name: '' });
    new Firewall(s, 'padded', { name: ' web ' });
    expect(errors(s)).toEqual([expect.stringMatching(/^Firewall test\/bad: name must /)]);
    expect(Testing.synth(s)).toHaveResourceWithProperties(tf.Firewall, { name: 'web' });
  });
});
