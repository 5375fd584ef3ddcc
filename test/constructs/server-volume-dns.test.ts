import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import {
  CheapestPlan,
  DnsZone,
  Firewall,
  LightyearProvider,
  NewestImage,
  Peer,
  Port,
  Server,
  SshKey,
  tf,
  Volume,
} from '../../constructs';
import './cdktf-matchers';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHqwc2JEQKce5G9CKx1TA5tyXdaBOyZbuANuoqrz3rDo test';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new LightyearProvider(s, 'lightyear');
  return s;
}

const errors = (s: TerraformStack) => s.node.findAll().flatMap((c) => c.node.validate());

function server(s: TerraformStack, id = 'web', extra: Partial<ConstructorParameters<typeof Server>[2]> = {}) {
  return new Server(s, id, { label: id, region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', ...extra });
}

describe('Server', () => {
  it('takes SSH key and firewall constructs, not ids, and passes user data as text', () => {
    const s = stack();
    const key = new SshKey(s, 'key', { name: 'laptop', publicKey: KEY });
    const fw = new Firewall(s, 'fw', { name: 'web' }).allowInbound(Port.tcp(22), Peer.anyIp());
    const web = server(s, 'web', {
      sshKeys: [key],
      firewall: fw,
      userData: '#cloud-config\npackages: [nginx]\n',
      tags: ['web', 'env:prod'],
      enableIpv6: true,
      backups: true,
    });
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveResourceWithProperties(tf.Instance, {
      label: 'web',
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      ssh_key_ids: [expect.stringMatching(/^\$\{lightyear_ssh_key\.key_[0-9A-F]+\.id\}$/)],
      firewall_id: expect.stringMatching(/^\$\{lightyear_firewall\.fw_[0-9A-F]+\.id\}$/),
      user_data: '#cloud-config\npackages: [nginx]\n',
      tags: ['web', 'env:prod'],
      enable_ipv6: true,
      backups: true,
    });
    expect(web.ipv4).toMatch(/TfToken/);
    expect(web.ipv6Enabled).toBe(true);
    expect(errors(s)).toEqual([]);
  });

  it('takes catalog look-ups for plan and image', () => {
    const s = stack();
    server(s, 'web', {
      plan: new CheapestPlan(s, 'size', { region: 'ams', minRamMb: 2048 }),
      image: new NewestImage(s, 'os', { family: 'debian' }),
    });
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveResourceWithProperties(tf.Instance, {
      plan: expect.stringMatching(/^\$\{data\.lightyear_plan\..*\.id\}$/),
      image: expect.stringMatching(/^\$\{data\.lightyear_image\..*\.id\}$/),
    });
  });

  it('refuses at synth what the API refuses, naming the construct and the prop', () => {
    const s = stack();
    server(s, 'bad', {
      label: '',
      userData: 'x'.repeat(70 * 1024),
      powerStatus: 'off' as 'running',
      tags: ['ok', ''],
    });
    expect(errors(s)).toEqual([
      expect.stringMatching(/^Server test\/bad: label must /),
      expect.stringMatching(/^Server test\/bad: tags has "", which /),
      'Server test/bad: userData must be at most 64 KiB (it is 70 KiB)',
      'Server test/bad: powerStatus must be "running" or "stopped" (not "off")',
    ]);
  });

  it('accepts a host name in any case with its trailing dot, as the provider does', () => {
    const s = stack();
    server(s, 'web', { hostname: 'Web-1.Example.COM.' });
    expect(errors(s)).toEqual([]);
  });
});

describe('Volume', () => {
  it('attaches to a server with one attachment resource naming both', () => {
    const s = stack();
    const web = server(s);
    const data = new Volume(s, 'data', { label: 'data', region: 'ams', sizeGb: 20 });
    const attachment = data.attachTo(web);
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveResourceWithProperties(tf.BlockStorage, {
      label: 'data',
      region: 'ams',
      size_gb: 20,
    });
    expect(synthesized).toHaveResourceWithProperties(tf.BlockStorageAttachment, {
      block_id: expect.stringMatching(/^\$\{lightyear_block_storage\..*\.id\}$/),
      instance_id: expect.stringMatching(/^\$\{lightyear_instance\..*\.id\}$/),
    });
    expect(data.attachment).toBe(attachment);
    expect(errors(s)).toEqual([]);
    expect(() => data.attachTo(web)).toThrow('already attached');
  });

  it('refuses a size outside 10–10000 GB and a server of another region', () => {
    const s = stack();
    const far = server(s, 'far', { region: 'syd' });
    new Volume(s, 'tiny', { label: 'tiny', region: 'ams', sizeGb: 5 }).attachTo(far);
    expect(errors(s)).toEqual([
      expect.stringMatching(/^Volume test\/tiny: sizeGb must be between 10 and 10000 GB/),
      'Volume test/tiny: region is ams, but server test/far is in syd: a volume attaches only to a server of its region',
    ]);
  });
});

describe('DnsZone', () => {
  it('takes any spelling of the domain and creates it under the canonical one', () => {
    const s = stack();
    const zone = new DnsZone(s, 'zone', { domain: 'Example.COM.' });
    expect(zone.domain).toBe('example.com');
    expect(Testing.synth(s)).toHaveResourceWithProperties(tf.DnsDomain, { domain: 'example.com' });
    expect(errors(s)).toEqual([]);
  });

  it('points a name at a server: A, and AAAA when it has IPv6', () => {
    const s = stack();
    const zone = new DnsZone(s, 'zone', { domain: 'example.com' });
    const v4only = server(s, 'a');
    const dual = server(s, 'b', { enableIpv6: true });
    expect(zone.addServer('www', v4only)).toHaveLength(1);
    expect(zone.addServer('@', dual, { ttlSeconds: 600 })).toHaveLength(2);
    const synthesized = Testing.synth(s);
    expect(synthesized).toHaveResourceWithProperties(tf.DnsRecord, {
      type: 'A',
      name: 'www',
      data: expect.stringMatching(/^\$\{lightyear_instance\..*\.ipv4\}$/),
      domain: expect.stringMatching(/^\$\{lightyear_dns_domain\..*\.domain\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(tf.DnsRecord, {
      type: 'AAAA',
      name: '@',
      ttl: 600,
      data: expect.stringMatching(/\.ipv6\}$/),
    });
    expect(errors(s)).toEqual([]);
  });

  it('checks records with the API rules: data for the type, TTL range, priority for MX only', () => {
    const s = stack();
    const zone = new DnsZone(s, 'zone', { domain: 'example.com' });
    zone.addRecord('a', { type: 'A', name: 'www', data: '2001:db8::1' });
    zone.addRecord('mx', { type: 'MX', data: 'mail.example.com' });
    zone.addRecord('txt', { type: 'TXT', data: 'v=spf1 -all', priority: 5, ttlSeconds: 30 });
    zone.addRecord('ok', { type: 'cname', name: 'WWW2.example.com.', data: 'Web.Example.COM.' });
    expect(errors(s)).toEqual([
      expect.stringMatching(/^DnsRecord test\/zone\/a: data /),
      'DnsRecord test/zone/mx: priority is required for MX records',
      expect.stringMatching(
        /^DnsRecord test\/zone\/txt: ttlSeconds must be a whole number of seconds from 60 to 86400/,
      ),
      'DnsRecord test/zone/txt: priority is only accepted for MX and SRV records, not TXT',
    ]);
  });

  it('refuses a domain that is not one, and leaves tokens to Terraform', () => {
    const s = stack();
    new DnsZone(s, 'bad', { domain: 'localhost' });
    const name = new TerraformVariable(s, 'domain', { type: 'string' }).stringValue;
    new DnsZone(s, 'var', { domain: name }).addRecord('r', { type: 'A', name: 'x', data: '203.0.113.1' });
    expect(errors(s)).toEqual([expect.stringMatching(/^DnsZone test\/bad: domain /)]);
  });
});
