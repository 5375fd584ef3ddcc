/**
 * lightyear_firewall through the real terraform binary, our provider and the local cloud over HTTP, with HCL
 * as users of the Hetzner, DigitalOcean and Vultr providers write firewalls: the lifecycle, the spellings the
 * API canonicalizes, import and config generation, drift, the delete that waits for instances, bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INSTANT_DURATIONS } from '../../../src/cloud';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';
import { mustRun, plannedActions, resourceTest, stateValues, type Workspace } from './resource-test';

const ADDRESS = 'lightyear_firewall.web';

const workspaceOf = (lw: LightyearWorkspace): Workspace => ({
  writeFiles: (files) => lw.ws.writeFiles(files),
  tf: (args, options) => lw.tf(args, options),
});

function firewall(name: string, inbound: string, outbound = '', extra = ''): string {
  return `${TERRAFORM_BLOCK}
resource "lightyear_firewall" "web" {
  name = "${name}"
${inbound}${outbound}${extra}}
`;
}

/** Every optional member: ports on TCP/UDP rules, ICMP without, IPv4 and IPv6 CIDRs, both lists. */
const INBOUND = `
  inbound_rules = [
    {
      protocol = "tcp"
      ports    = "22"
      sources  = ["203.0.113.0/24", "2001:db8::/32"]
    },
    {
      protocol = "tcp"
      ports    = "80"
      sources  = ["0.0.0.0/0", "::/0"]
    },
    {
      protocol = "icmp"
      sources  = ["0.0.0.0/0", "::/0"]
    },
  ]
`;

const OUTBOUND = `
  outbound_rules = [
    {
      protocol     = "udp"
      ports        = "53"
      destinations = ["0.0.0.0/0", "::/0"]
    },
    {
      protocol     = "tcp"
      ports        = "1-65535"
      destinations = ["0.0.0.0/0", "::/0"]
    },
  ]
`;

/** Port 80 becomes 443: a rule change. */
const INBOUND_HTTPS = INBOUND.replace('ports    = "80"', 'ports    = "443"');

/**
 * INBOUND_HTTPS as people also write it: `::0/0`, host bits set, upper-case long-hand IPv6, a repeated rule,
 * a repeated CIDR, another order. The API stores it exactly as INBOUND_HTTPS.
 */
const INBOUND_HTTPS_RESPELLED = `
  inbound_rules = [
    {
      protocol = "icmp"
      sources  = ["::0/0", "0.0.0.0/0"]
    },
    {
      protocol = "tcp"
      ports    = "443"
      sources  = ["0.0.0.0/0", "0.0.0.0/0", "0:0:0:0:0:0:0:0/0"]
    },
    {
      protocol = "tcp"
      ports    = "22"
      sources  = ["203.0.113.77/24", "2001:0DB8:0000:0000:0000:0000:0000:0000/32"]
    },
    {
      protocol = "tcp"
      ports    = "22"
      sources  = ["2001:db8::/32", "203.0.113.0/24"]
    },
  ]
`;

/**
 * Spellings the API itself refuses but that mean one thing: the provider accepts them and sends the
 * canonical ones (LOOSE_CANONICAL_*).
 */
const INBOUND_LOOSE = `
  inbound_rules = [
    {
      protocol = "TCP"
      ports    = "22-22"
      sources  = ["203.0.113.7", "2001:DB8::1"]
    },
    {
      protocol = "Udp"
      ports    = " 0053 "
      sources  = ["::0/0"]
    },
    {
      protocol = "ICMP"
      sources  = ["::0/0", "0.0.0.0/0"]
    },
  ]
`;

const OUTBOUND_LOOSE = `
  outbound_rules = [
    {
      protocol     = "TCP"
      ports        = "443-443"
      destinations = ["2001:db8::1", "198.51.100.7"]
    },
  ]
`;

const LOOSE_CANONICAL_INBOUND = [
  { protocol: 'icmp', sources: ['0.0.0.0/0', '::/0'] },
  { protocol: 'tcp', ports: '22', sources: ['203.0.113.7/32', '2001:db8::1/128'] },
  { protocol: 'udp', ports: '53', sources: ['::/0'] },
];

const LOOSE_CANONICAL_OUTBOUND = [
  { protocol: 'tcp', ports: '443', destinations: ['198.51.100.7/32', '2001:db8::1/128'] },
];

const CANONICAL_INBOUND_HTTPS = [
  { protocol: 'icmp', sources: ['0.0.0.0/0', '::/0'] },
  { protocol: 'tcp', ports: '22', sources: ['203.0.113.0/24', '2001:db8::/32'] },
  { protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0', '::/0'] },
];

async function only(lw: LightyearWorkspace) {
  const all = await lw.client.firewalls.listAll();
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('lightyear_firewall lifecycle', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  afterEach(() => {
    expect(lw.leftoverSockets()).toEqual([]);
  });

  it('creates, renames in place, changes rules in place, takes every respelling as no change, destroys', async () => {
    let id = '';
    await resourceTest(
      workspaceOf(lw),
      [
        {
          config: firewall('web', INBOUND, OUTBOUND),
          expectActions: { [ADDRESS]: ['create'] },
          check: async (state) => {
            id = state[ADDRESS]!.id as string;
            expect(id).toMatch(/^fw_/);
            expect(state[ADDRESS]).toMatchObject({ name: 'web', instance_ids: [] });
            const remote = await lw.client.firewalls.get(id);
            expect(remote.inbound_rules).toHaveLength(3);
            expect(remote.outbound_rules).toEqual([
              { protocol: 'tcp', ports: '1-65535', destinations: ['0.0.0.0/0', '::/0'] },
              { protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0', '::/0'] },
            ]);
          },
          importVerify: [{ address: ADDRESS }],
        },
        {
          config: firewall('web-renamed', INBOUND, OUTBOUND),
          expectActions: { [ADDRESS]: ['update'] },
          check: async (state) => {
            expect(state[ADDRESS]).toMatchObject({ id, name: 'web-renamed' });
            expect((await lw.client.firewalls.get(id)).name).toBe('web-renamed');
          },
        },
        {
          config: firewall('web-renamed', INBOUND_HTTPS, OUTBOUND),
          expectActions: { [ADDRESS]: ['update'] },
          check: async (state) => {
            expect(state[ADDRESS]!.id).toBe(id);
            expect((await lw.client.firewalls.get(id)).inbound_rules).toEqual(CANONICAL_INBOUND_HTTPS);
          },
        },
        {
          // The same rules respelled: nothing to do, and nothing to do after the apply either.
          config: firewall('web-renamed', INBOUND_HTTPS_RESPELLED, OUTBOUND),
          expectActions: {},
          check: async () => {
            expect((await lw.client.firewalls.get(id)).inbound_rules).toEqual(CANONICAL_INBOUND_HTTPS);
          },
        },
        {
          // Left out: no outbound rules.
          config: firewall('web-renamed', INBOUND_HTTPS_RESPELLED),
          expectActions: { [ADDRESS]: ['update'] },
          check: async () => {
            const remote = await lw.client.firewalls.get(id);
            expect(remote.outbound_rules).toEqual([]);
            expect(remote.inbound_rules).toEqual(CANONICAL_INBOUND_HTTPS);
          },
        },
      ],
      async () => expect(await lw.client.firewalls.listAll()).toEqual([]),
    );
  });

  it('a rename plans `~ name` alone and leaves the rules untouched', async () => {
    lw.ws.writeFiles({ 'main.tf': firewall('before', INBOUND, OUTBOUND) });
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    const before = await only(lw);
    lw.ws.writeFiles({ 'main.tf': firewall('after', INBOUND, OUTBOUND) });
    const plan = await mustRun(workspaceOf(lw), ['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toContain('~ resource "lightyear_firewall" "web"');
    expect(plan.stdout).toMatch(/~ name\s+= "before" -> "after"/);
    expect(plan.stdout).not.toMatch(/[~+-] (inbound|outbound)_rules/);
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    const after = await only(lw);
    expect(after).toEqual({ ...before, name: 'after' });
    await mustRun(workspaceOf(lw), ['destroy', '-auto-approve', '-no-color', '-input=false']);
  });

  it('creates from respelled rules and from spellings only the provider accepts, plans empty, imports to an empty plan', async () => {
    await resourceTest(
      workspaceOf(lw),
      [
        {
          config: firewall('spelled', INBOUND_HTTPS_RESPELLED, OUTBOUND),
          expectActions: { [ADDRESS]: ['create'] },
          check: async (state) => {
            // State keeps what the user wrote; the cloud holds the canonical rules.
            expect(state[ADDRESS]!.inbound_rules).toHaveLength(4);
            expect((await only(lw)).inbound_rules).toEqual(CANONICAL_INBOUND_HTTPS);
          },
          // Import reads the API's spelling; the respelled configuration still plans empty after it.
          importVerify: [{ address: ADDRESS, ignore: ['inbound_rules'] }],
        },
        {
          // "TCP", "22-22", " 0053 ", bare addresses: the API holds them canonical, state as written.
          config: firewall('spelled', INBOUND_LOOSE, OUTBOUND_LOOSE),
          expectActions: { [ADDRESS]: ['update'] },
          check: async (state) => {
            const rules = state[ADDRESS]!.inbound_rules as { protocol: string }[];
            expect(rules.map((r) => r.protocol).sort()).toEqual(['ICMP', 'TCP', 'Udp']);
            const remote = await only(lw);
            expect(remote.inbound_rules).toEqual(LOOSE_CANONICAL_INBOUND);
            expect(remote.outbound_rules).toEqual(LOOSE_CANONICAL_OUTBOUND);
          },
          importVerify: [{ address: ADDRESS, ignore: ['inbound_rules', 'outbound_rules'] }],
        },
      ],
      async () => expect(await lw.client.firewalls.listAll()).toEqual([]),
    );
  });
});

describe('drift', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': firewall('web', INBOUND, OUTBOUND) });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('plans to create the firewall again when it was deleted outside Terraform', async () => {
    const before = await only(lw);
    await lw.client.firewalls.delete(before.id);
    expect(await plannedActions(workspaceOf(lw))).toEqual({ [ADDRESS]: ['create'] });
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await only(lw)).id).not.toBe(before.id);
  });

  it('shows rules changed outside Terraform and plans to put them back in place', async () => {
    const { id, inbound_rules } = await only(lw);
    await lw.client.firewalls.update(id, {
      inbound_rules: [{ protocol: 'tcp', ports: '3389', sources: ['0.0.0.0/0'] }],
    });
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    // The plan takes the rule added outside away and puts the configured ones back.
    expect(plan.stdout).toMatch(/- ports\s+= "3389" -> null/);
    expect(await plannedActions(workspaceOf(lw))).toEqual({ [ADDRESS]: ['update'] });
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await lw.client.firewalls.get(id)).inbound_rules).toEqual(inbound_rules);
    const again = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(again.code).toBe(0);
  });
});

describe('import', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('plan -generate-config-out writes configuration that then plans no change', async () => {
    const existing = await lw.client.firewalls.create({
      name: 'found',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['::0/0', '10.1.2.3/8'] },
        { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      ],
      outbound_rules: [{ protocol: 'udp', ports: '123', destinations: ['0.0.0.0/0'] }],
    });
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_firewall.found
  id = "${existing.id}"
}
`,
    });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
    await mustRun(workspaceOf(lw), [
      'plan',
      '-no-color',
      '-input=false',
      '-generate-config-out=generated.tf',
    ]);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_firewall" "found"');
    expect(generated).toContain('"10.0.0.0/8"');
    expect(generated).not.toMatch(/\binstance_ids\b|\bcreated_at\b/);

    const plan = await lw.tf(['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    const again = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(again.code).toBe(0);
  });

  it('imports by id into a configuration written with ::0/0 and plans no change', async () => {
    const existing = await lw.client.firewalls.create({
      name: 'ssh',
      inbound_rules: [{ protocol: 'tcp', ports: '22', sources: ['::/0'] }],
    });
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
resource "lightyear_firewall" "ssh" {
  name = "ssh"
  inbound_rules = [
    { protocol = "tcp", ports = "22", sources = ["::0/0"] },
  ]
}
`,
    });
    await mustRun(workspaceOf(lw), [
      'import',
      '-no-color',
      '-input=false',
      'lightyear_firewall.ssh',
      existing.id,
    ]);
    const state = (await stateValues(workspaceOf(lw)))['lightyear_firewall.ssh'];
    expect(state).toMatchObject({
      id: existing.id,
      name: 'ssh',
      inbound_rules: [{ protocol: 'tcp', ports: '22', sources: ['::/0'] }],
      outbound_rules: [],
      instance_ids: [],
      created_at: existing.created_at,
    });
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
  });

  it('refuses an import id that cannot be a firewall id, naming the expected form', async () => {
    lw.ws.writeFiles({ 'main.tf': firewall('other', '') });
    const bad = await lw.tf(['import', '-no-color', '-input=false', ADDRESS, 'sshk_123']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toContain('fw_');
  });
});

describe('destroy while instances use the firewall', () => {
  let lw: LightyearWorkspace;

  /** Firewall DELETEs the API refused with 409 so far, from the local cloud's request log. */
  async function refusedDeletes(): Promise<number> {
    const base = lw.cloud.url.replace(/\/v1$/, '');
    const res = await fetch(`${base}/_local/requests?method=DELETE&path=/v1/firewalls/*&status=409`, {
      headers: { authorization: `Bearer ${lw.cloud.apiKey}` },
    });
    return ((await res.json()) as { requests: unknown[] }).requests.length;
  }

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: INSTANT_DURATIONS });
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const instanceUsing = (firewallId: string) =>
    lw.client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'app',
      firewall_id: firewallId,
    });

  it('retries while an instance still uses it, and finishes once the instance is gone', async () => {
    lw.ws.writeFiles({ 'main.tf': firewall('web', INBOUND, OUTBOUND) });
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    const { id } = await only(lw);
    const instance = await instanceUsing(id);
    expect((await lw.client.firewalls.get(id)).instance_ids).toEqual([instance.id]);

    const destroying = lw.tf(['destroy', '-auto-approve', '-no-color', '-input=false']);
    const deadline = Date.now() + 60_000;
    while ((await refusedDeletes()) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await refusedDeletes()).toBeGreaterThan(0);
    await lw.client.instances.delete(instance.id);
    const destroyed = await destroying;
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toContain('Destroy complete! Resources: 1 destroyed.');
    expect(await lw.client.firewalls.listAll()).toEqual([]);
  });

  it('gives up after timeouts.delete, naming the instance that still uses it', async () => {
    const timeouts = '\n  timeouts {\n    delete = "3s"\n  }\n';
    lw.ws.writeFiles({ 'main.tf': firewall('web', INBOUND, '', timeouts) });
    await mustRun(workspaceOf(lw), ['apply', '-auto-approve', '-no-color', '-input=false']);
    const { id } = await only(lw);
    const instance = await instanceUsing(id);
    const destroy = await lw.tf(['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(destroy.code).not.toBe(0);
    expect(destroy.stderr).toContain('Error: Firewall still in use');
    expect(destroy.stderr).toContain(instance.id);
    expect(destroy.stderr).toContain('timeouts.delete');
    // Still in state and in the cloud: nothing half-done.
    expect(Object.keys(await stateValues(workspaceOf(lw)))).toEqual([ADDRESS]);
    await lw.client.instances.delete(instance.id);
    await mustRun(workspaceOf(lw), ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.firewalls.listAll()).toEqual([]);
  });
});

describe('bad input is refused at validate, on the rule list, with the API reason', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(workspaceOf(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  const rule = (protocol: string, ports: string | null, cidr: string) =>
    `    {\n      protocol = "${protocol}"\n${ports === null ? '' : `      ports    = "${ports}"\n`}      sources  = ["${cidr}"]\n    },\n`;

  it.each([
    ['ICMP with ports', rule('icmp', '22', '0.0.0.0/0'), 'ports must not be given for an icmp rule'],
    ['TCP without ports', rule('tcp', null, '0.0.0.0/0'), 'ports is required for a tcp rule'],
    ['a port above 65535', rule('tcp', '70000', '0.0.0.0/0'), 'ports must name ports from 1 to 65535'],
    ['a range whose low is above its high', rule('udp', '9000-8000', '0.0.0.0/0'), 'write "8000-9000"'],
    ['a range with a colon', rule('tcp', '80:90', '0.0.0.0/0'), 'write "80-90"'],
    ['an unknown protocol', rule('sctp', '22', '0.0.0.0/0'), 'protocol must be one of "icmp", "tcp", "udp"'],
    [
      'an upper-case ICMP with ports',
      rule('ICMP', '22', '0.0.0.0/0'),
      'ports must not be given for an icmp rule',
    ],
    ['a malformed address', rule('tcp', '22', '203.0.113.256'), 'must be an IPv4 or IPv6 CIDR or address'],
    ['a malformed CIDR', rule('tcp', '22', '10.0.0.0/33'), 'must have a prefix length from 0 to 32 for IPv4'],
  ])('%s', async (_name, badRule, reason) => {
    lw.ws.writeFiles({
      'main.tf': firewall('bad', `  inbound_rules = [\n${rule('tcp', '80', '0.0.0.0/0')}${badRule}  ]\n`),
    });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('Error: Invalid inbound_rules');
    expect(validate.stderr).toMatch(
      /on main\.tf line \d+, in resource "lightyear_firewall" "web":\s+\d+:\s+inbound_rules = \[/,
    );
    // Terraform wraps the detail to the terminal's width.
    expect(validate.stderr.replace(/\s+/g, ' ')).toContain(reason);
    expect(validate.stderr.match(/Error: /g)).toHaveLength(1);
    expect(validate.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);
  });

  it('an outbound problem lands on outbound_rules, and nothing is created', async () => {
    lw.ws.writeFiles({
      'main.tf': firewall(
        'bad',
        '',
        '  outbound_rules = [\n    { protocol = "udp", destinations = ["::/0"] },\n  ]\n',
      ),
    });
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toContain('Error: Invalid outbound_rules');
    expect(apply.stderr.replace(/\s+/g, ' ')).toContain('ports is required for a udp rule');
    expect(await lw.client.firewalls.listAll()).toEqual([]);
  });
});
