import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { InvalidValueError } from '../../constructs/errors';
import { Peer } from '../../constructs/peer';
import { Port } from '../../constructs/port';

function refusal(build: () => unknown): InvalidValueError {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidValueError) return error;
    throw error;
  }
  throw new Error('expected an InvalidValueError');
}

describe('Port', () => {
  it('spells ports as the API does', () => {
    expect(Port.tcp(22)).toMatchObject({ protocol: 'tcp', ports: '22' });
    expect(Port.tcpRange(8000, 9000)).toMatchObject({ protocol: 'tcp', ports: '8000-9000' });
    expect(Port.udp(53)).toMatchObject({ protocol: 'udp', ports: '53' });
    expect(Port.allTcp().ports).toBe('1-65535');
    expect(Port.icmp()).toMatchObject({ protocol: 'icmp', ports: undefined });
    expect(String(Port.udpRange(60000, 61000))).toBe('udp/60000-61000');
  });

  it('takes a one-port range as that port, as the API would have it written', () => {
    expect(Port.tcpRange(22, 22).ports).toBe('22');
  });

  it('refuses what the API refuses, at the line that built it, with the fix', () => {
    expect(refusal(() => Port.tcp(70000)).message).toBe('Port.tcp(70000) must name ports from 1 to 65535');
    expect(refusal(() => Port.tcpRange(9000, 8000)).message).toBe(
      'Port.tcpRange(9000, 8000) must be a range whose first port is below its last; write Port.tcpRange(8000, 9000)',
    );
    expect(refusal(() => Port.udp(0)).code).toBe('invalid_value');
    expect(refusal(() => Port.tcp(22.5)).message).toContain('whole port numbers');
  });
});

describe('Peer', () => {
  it('offers the usual peers', () => {
    expect(Peer.anyIpv4().cidrs).toEqual(['0.0.0.0/0']);
    expect(Peer.anyIpv6().cidrs).toEqual(['::/0']);
    expect(Peer.anyIp().cidrs).toEqual(['0.0.0.0/0', '::/0']);
    expect(Peer.host('203.0.113.7').cidrs).toEqual(['203.0.113.7/32']);
    expect(Peer.host('2001:db8::1').cidrs).toEqual(['2001:db8::1/128']);
    expect(Peer.anyOf(Peer.anyIpv4(), Peer.ipv4('0.0.0.0/0'), Peer.ipv6('2001:db8::/32')).cidrs).toEqual([
      '0.0.0.0/0',
      '2001:db8::/32',
    ]);
  });

  it('keeps spellings the API canonicalizes as written: the provider treats them as the same value', () => {
    expect(Peer.ipv6('::0/0').cidrs).toEqual(['::0/0']);
    expect(Peer.ipv4('10.0.0.1/8').cidrs).toEqual(['10.0.0.1/8']);
  });

  it('suggests the mask for a bare address, and the other family when it is one', () => {
    expect(refusal(() => Peer.ipv4('203.0.113.7')).message).toBe(
      "Peer.ipv4('203.0.113.7') must be a CIDR with a prefix length, such as 203.0.113.0/24 or 2001:db8::/32 (a single host is /32 or /128); did you mean 203.0.113.7/32?",
    );
    expect(refusal(() => Peer.ipv4('2001:db8::/32')).fix).toBe("write Peer.ipv6('2001:db8::/32')");
    expect(refusal(() => Peer.host('not-an-address')).code).toBe('invalid_value');
  });

  it('leaves tokens to Terraform', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const address = new TerraformVariable(stack, 'address', { type: 'string' }).stringValue;
    expect(Peer.host(address).cidrs).toEqual([`${address}/32`]);
    expect(Peer.ipv4(address).cidrs).toEqual([address]);
  });
});
