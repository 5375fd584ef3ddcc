/**
 * lightyear_firewall through the framework server in-process (values msgpack-encoded as Terraform sends them),
 * against the local cloud over HTTP: plan cases, spellings, drift, import and the delete that waits for
 * instances to let go. The real-terraform cases are in test/e2e/provider/firewall.test.ts.
 */
import { LightyearClient } from '../../../../src/client';
import { INSTANT_DURATIONS } from '../../../../src/cloud';
import { firewallResource } from '../../../../src/provider/resources/firewall/resource';
import { Unknown, type ObjectValue, type Value } from '../../../../src/provider/protocol/values';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

let cloud: TestCloud;
let client: LightyearClient;
let h: FrameworkHarness;

beforeAll(async () => {
  cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
  h = await frameworkHarness(firewallResource, client);
});

afterAll(async () => {
  await client.close();
  await cloud.close();
});

const ssh = (...sources: string[]) => ({ protocol: 'tcp', ports: '22', sources });
const ping = (...sources: string[]) => ({ protocol: 'icmp', ports: null, sources });
const dns = (...destinations: string[]) => ({ protocol: 'udp', ports: '53', destinations });

function config(over: Record<string, Value> = {}): ObjectValue {
  return {
    id: null,
    name: 'web',
    inbound_rules: [ssh('0.0.0.0/0', '::/0'), ping('10.0.0.0/8')],
    outbound_rules: [dns('0.0.0.0/0')],
    instance_ids: null,
    created_at: null,
    timeouts: null,
    ...over,
  } as ObjectValue;
}

/** What a plan proposes to change, by attribute, against the prior state. */
function changed(prior: ObjectValue, planned: ObjectValue | null): string[] {
  return Object.keys(prior).filter((k) => JSON.stringify(prior[k]) !== JSON.stringify(planned?.[k]));
}

describe('lightyear_firewall plan and apply', () => {
  it('plans a create with the computed attributes unknown and a left-out list as []', async () => {
    const plan = await h.plan(null, config({ outbound_rules: null }));
    expect(errorsOf(plan.diagnostics)).toEqual([]);
    expect(plan.planned?.id).toBeInstanceOf(Unknown);
    expect(plan.planned?.instance_ids).toBeInstanceOf(Unknown);
    expect(plan.planned?.created_at).toBeInstanceOf(Unknown);
    expect(plan.planned?.outbound_rules).toEqual([]);
  });

  it.each([
    ['::0/0', [ssh('0.0.0.0/0', '::0/0'), ping('10.0.0.0/8')]],
    ['host bits set', [ssh('0.0.0.0/0', '::/0'), ping('10.1.2.3/8')]],
    [
      'long-hand upper-case IPv6',
      [ssh('0.0.0.0/0', '0000:0000:0000:0000:0000:0000:0000:0000/0'), ping('10.0.0.0/8')],
    ],
    [
      'a duplicate rule',
      [ssh('0.0.0.0/0', '::/0'), ssh('::/0', '0.0.0.0/0', '0.0.0.0/0'), ping('10.0.0.0/8')],
    ],
  ])('creates with %s, keeps that spelling in state, and then plans no change', async (_name, inbound) => {
    const state = await h.converge(null, config({ inbound_rules: inbound }));
    expect(state.inbound_rules).toEqual(inbound);
    const remote = await client.firewalls.get(state.id as string);
    expect(remote.inbound_rules).toEqual([
      { protocol: 'icmp', sources: ['10.0.0.0/8'] },
      { protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] },
    ]);
    const refreshed = await h.read(state);
    expect(refreshed.state).toEqual(state);
    const plan = await h.plan(state, config({ inbound_rules: inbound }));
    expect(plan.planned).toEqual(state);
    // The canonical spelling of the same rules is no change either.
    const canonical = await h.plan(state, config());
    expect(changed(state, canonical.planned)).toEqual([]);
  });

  it('renames in place: only the name changes in the plan and in the request', async () => {
    const state = await h.converge(null, config());
    const plan = await h.plan(state, config({ name: 'web-2' }));
    expect(plan.requiresReplace).toEqual([]);
    expect(changed(state, plan.planned).sort()).toEqual(['instance_ids', 'name']);
    expect(plan.planned?.instance_ids).toBeInstanceOf(Unknown);
    // The real client, watched: the one PATCH sends the name alone.
    const update = jest.spyOn(client.firewalls, 'update');
    const applied = await h.apply(state, plan.planned, config({ name: 'web-2' }));
    expect(update.mock.calls.map((call) => call[1])).toEqual([{ name: 'web-2' }]);
    update.mockRestore();
    expect(applied.state).toMatchObject({ id: state.id, name: 'web-2', inbound_rules: state.inbound_rules });
  });

  it('changes rules in place and the API replaces that list', async () => {
    const state = await h.converge(null, config());
    const next = await h.converge(state, config({ inbound_rules: [ssh('192.0.2.0/24')] }));
    expect(next.id).toBe(state.id);
    expect((await client.firewalls.get(state.id as string)).inbound_rules).toEqual([
      { protocol: 'tcp', ports: '22', sources: ['192.0.2.0/24'] },
    ]);
  });

  it('shows rules changed outside Terraform as drift, and plans the update back', async () => {
    const state = await h.converge(null, config());
    await client.firewalls.update(state.id as string, {
      inbound_rules: [{ protocol: 'tcp', ports: '80', sources: ['0.0.0.0/0'] }],
    });
    const refreshed = (await h.read(state)).state!;
    expect(refreshed.inbound_rules).toEqual([{ protocol: 'tcp', ports: '80', sources: ['0.0.0.0/0'] }]);
    const plan = await h.plan(refreshed, config());
    expect(plan.planned?.inbound_rules).toEqual(config().inbound_rules);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('drops a firewall deleted outside Terraform from state', async () => {
    const state = await h.converge(null, config());
    await client.firewalls.delete(state.id as string);
    expect((await h.read(state)).state).toBeNull();
  });

  it('imports by id with every attribute, and a config written with ::0/0 then plans no change', async () => {
    const state = await h.converge(null, config({ inbound_rules: [ssh('::0/0')] }));
    const imported = await h.importState(state.id as string);
    const read = (await h.read(imported.state!)).state!;
    expect(read).toEqual({ ...state, inbound_rules: [ssh('::/0')] });
    const plan = await h.plan(read, config({ inbound_rules: [ssh('::0/0')] }));
    expect(plan.planned).toEqual(read);
    const bad = await h.importState('sshk_123');
    expect(errorsOf(bad.diagnostics)).toEqual([{ summary: 'Invalid import id', path: [] }]);
  });

  it('applies TCP, 22-22, bare addresses and ::0/0: the API gets them canonical, state keeps them as written', async () => {
    const loose = config({
      inbound_rules: [
        { protocol: 'TCP', ports: '22-22', sources: ['203.0.113.7', '2001:DB8::1', '::0/0'] },
        { protocol: 'ICMP', ports: null, sources: ['10.0.0.1/8'] },
      ],
      outbound_rules: [{ protocol: 'Udp', ports: ' 0053 ', destinations: ['0.0.0.0/0'] }],
    });
    expect(errorsOf(await h.validate(loose))).toEqual([]);
    const state = await h.converge(null, loose);
    expect(state.inbound_rules).toEqual(loose.inbound_rules);
    expect(state.outbound_rules).toEqual(loose.outbound_rules);
    const remote = await client.firewalls.get(state.id as string);
    expect(remote.inbound_rules).toEqual([
      { protocol: 'icmp', sources: ['10.0.0.0/8'] },
      { protocol: 'tcp', ports: '22', sources: ['203.0.113.7/32', '::/0', '2001:db8::1/128'] },
    ]);
    expect(remote.outbound_rules).toEqual([{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }]);
    // Refresh and the next plan change nothing; nor does a plan after an import, with the loose config.
    const read = (await h.read(state)).state!;
    expect(read).toEqual(state);
    expect((await h.plan(read, loose)).planned).toEqual(read);
    const imported = (await h.read((await h.importState(state.id as string)).state!)).state!;
    expect((await h.plan(imported, loose)).planned).toEqual(imported);
  });

  it('refuses bad rules at validate time, on the rule list', async () => {
    const diagnostics = await h.validate(
      config({ inbound_rules: [{ protocol: 'icmp', ports: '22', sources: ['10.0.0.0/8'] }] }),
    );
    expect(errorsOf(diagnostics)).toEqual([{ summary: 'Invalid inbound_rules', path: ['inbound_rules'] }]);
    expect(diagnostics[0]?.detail).toContain('ports must not be given for an icmp rule');
    const outbound = await h.validate(config({ outbound_rules: [dns('2001:db8::1/129')] }));
    expect(errorsOf(outbound)).toEqual([{ summary: 'Invalid outbound_rules', path: ['outbound_rules'] }]);
    expect(outbound[0]?.detail).toContain('must have a prefix length from 0 to 128 for IPv6');
  });

  it('a rule the API refuses at apply is an error on the rule list naming the rule', async () => {
    // Known only at apply (as from another resource's output), so validate could not judge it.
    const rules = [{ protocol: 'tcp', ports: null, sources: ['0.0.0.0/0'] }];
    const applied = await h.apply(null, { ...config(), inbound_rules: rules, id: new Unknown() }, config());
    expect(errorsOf(applied.diagnostics)).toEqual([
      { summary: 'Invalid inbound_rules', path: ['inbound_rules'] },
    ]);
    expect(applied.diagnostics[0]?.detail).toMatch(
      /^the rule \{ protocol = "tcp", sources = \["0\.0\.0\.0\/0"\] \}: ports is required for a tcp rule\./,
    );
    expect(applied.state).toBeNull();
  });
});

describe('lightyear_firewall delete', () => {
  it('retries while an instance uses the firewall, and succeeds once it lets go', async () => {
    const state = await h.converge(null, config());
    const instance = await client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'uses-fw',
      firewall_id: state.id as string,
    });
    const deleting = h.apply(state, null, null);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await client.instances.delete(instance.id);
    const deleted = await deleting;
    expect(errorsOf(deleted.diagnostics)).toEqual([]);
    await expect(client.firewalls.get(state.id as string)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives up after timeouts.delete, naming the instances still using it', async () => {
    const state = await h.converge(null, config({ timeouts: { delete: '2s' } }));
    expect(state.timeouts).toEqual({ delete: '2s' });
    const instance = await client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'keeps-fw',
      firewall_id: state.id as string,
    });
    const deleted = await h.apply(state, null, null);
    expect(errorsOf(deleted.diagnostics)).toEqual([{ summary: 'Firewall still in use', path: [] }]);
    expect(deleted.diagnostics[0]?.detail).toContain(`used by instance ${instance.id}`);
    expect(deleted.diagnostics[0]?.detail).toContain('timeouts.delete');
    await client.instances.delete(instance.id);
  });

  it('treats an already deleted firewall as deleted', async () => {
    const state = await h.converge(null, config());
    await client.firewalls.delete(state.id as string);
    expect(errorsOf((await h.apply(state, null, null)).diagnostics)).toEqual([]);
  });
});
