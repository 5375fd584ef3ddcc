/**
 * Plan and apply logic through the framework server, in-process, with values encoded as Terraform sends
 * them: nested sets, blocks, plan modifiers, semantic equality, timeouts and the resource's own modifyPlan.
 */
import {
  fixtureResource,
  fixtureSchema,
  memoryStore,
  type FixtureObject,
} from '../../fixtures/framework-fixture';
import { objectTypeOf } from '../../../src/provider/framework/schema-walker';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../helpers/framework-harness';
import { sshKeyResource } from '../../../src/provider/resources/ssh-key/resource';
import { Unknown, valuesEqual, type ObjectValue, type Value } from '../../../src/provider/protocol/values';

/** Equal as Terraform compares them: sets in any order. */
function sameValue(a: Value, b: Value): boolean {
  return valuesEqual(a, b, objectTypeOf(fixtureSchema));
}

function config(over: Record<string, Value> = {}): ObjectValue {
  return {
    id: null,
    name: 'web',
    zone: 'ams',
    size: null,
    rules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::0/0'] }],
    tags: null,
    revision: null,
    listener: [],
    timeouts: null,
    ...over,
  };
}

describe('framework server: plan and apply', () => {
  let store: ReturnType<typeof memoryStore>;
  let h: FrameworkHarness;

  beforeEach(async () => {
    store = memoryStore();
    h = await frameworkHarness(fixtureResource(store), {});
  });

  const remote = (state: ObjectValue): FixtureObject => store.get(state.id as string)!;

  it('plans a create with defaults and unknowns, applies it, and then plans no change', async () => {
    const plan = await h.plan(null, config());
    expect(plan.planned).toMatchObject({ name: 'web', size: 10 });
    expect(plan.planned!.id).toBeInstanceOf(Unknown);
    expect(plan.planned!.revision).toBeInstanceOf(Unknown);
    const applied = await h.apply(null, plan.planned, config());
    expect(applied.diagnostics).toEqual([]);
    // The API canonicalized ::0/0 to ::/0; state keeps what the user wrote.
    expect(remote(applied.state!).rules[0]!.sources).toEqual(['0.0.0.0/0', '::/0']);
    expect(applied.state!.rules).toEqual(config().rules);
    const again = await h.plan(applied.state, config());
    expect(again.planned).toEqual(applied.state);
    expect(again.requiresReplace).toEqual([]);
  });

  it.each([
    ['reordered set elements', [{ protocol: 'tcp', ports: '22', sources: ['::0/0', '0.0.0.0/0'] }]],
    [
      'an equivalent spelling of an element',
      [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '0:0::0/0'] }],
    ],
    [
      'a duplicate of an element',
      [
        { protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::0/0'] },
        { protocol: 'tcp', ports: '22', sources: ['::/0', '0.0.0.0/0'] },
      ],
    ],
  ])('plans no change for %s', async (_what, rules) => {
    const state = await h.converge(null, config());
    const plan = await h.plan(state, config({ rules }));
    expect(sameValue(plan.planned, state)).toBe(true);
    expect(plan.requiresReplace).toEqual([]);
    expect(errorsOf(plan.diagnostics)).toEqual([]);
  });

  it('tells Terraform to accept the prior spelling only when it kept one', async () => {
    const state = await h.converge(null, config());
    expect((await h.plan(state, config())).legacyTypeSystem).toBe(false);
    const equivalent = config({ rules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] }] });
    expect((await h.plan(state, equivalent)).legacyTypeSystem).toBe(true);
  });

  it('plans a real change to a set as an in-place update with computed values unknown', async () => {
    const state = await h.converge(null, config());
    const rules = [{ protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] }];
    const plan = await h.plan(state, config({ rules }));
    expect(plan.planned!.rules).toEqual(rules);
    expect(plan.planned!.id).toBe(state.id);
    expect(plan.planned!.revision).toBeInstanceOf(Unknown);
    expect(plan.requiresReplace).toEqual([]);
    const applied = await h.apply(state, plan.planned, config({ rules }));
    expect(applied.state!.revision).toBe(2);
  });

  it('replaces on a requiresReplace attribute, and on requiresReplaceIf only when its condition holds', async () => {
    const state = await h.converge(null, config({ size: 20 }));
    expect((await h.plan(state, config({ size: 20, zone: 'fra' }))).requiresReplace).toEqual([['zone']]);
    expect((await h.plan(state, config({ size: 30 }))).requiresReplace).toEqual([]);
    expect((await h.plan(state, config({ size: 15 }))).requiresReplace).toEqual([['size']]);
  });

  it('plans blocks: a changed list block is an update; too many is refused at validate', async () => {
    const state = await h.converge(null, config({ listener: [{ port: 80, host: null }] }));
    const plan = await h.plan(state, config({ listener: [{ port: 8080, host: null }] }));
    expect(plan.planned!.listener).toEqual([{ port: 8080, host: null }]);
    expect(plan.requiresReplace).toEqual([]);
    const four = Array.from({ length: 4 }, (_, i) => ({ port: 80 + i, host: null }));
    expect(errorsOf(await h.validate(config({ listener: four })))).toEqual([
      { summary: 'Too many listener blocks', path: ['listener'] },
    ]);
  });

  it('validates timeouts as Go durations on the attribute', async () => {
    expect(errorsOf(await h.validate(config({ timeouts: { create: '1h30m', delete: null } })))).toEqual([]);
    expect(errorsOf(await h.validate(config({ timeouts: { create: '10 minutes', delete: null } })))).toEqual([
      { summary: 'Invalid timeouts.create', path: ['timeouts', 'create'] },
    ]);
  });

  it('plans a change of timeouts alone as no change, and records them with the next real change', async () => {
    const state = await h.converge(null, config());
    const timeouts = { create: '1m', delete: null };
    const only = await h.plan(state, config({ timeouts }));
    expect(only.planned).toEqual(state);
    expect(only.legacyTypeSystem).toBe(true);
    const withRename = await h.plan(state, config({ timeouts, name: 'web2' }));
    expect(withRename.planned!.timeouts).toEqual(timeouts);
  });

  it('refuses a configured computed-only attribute at validate, naming it', async () => {
    expect(errorsOf(await h.validate(config({ id: 'fx_9' })))).toEqual([
      { summary: "Can't configure id", path: ['id'] },
    ]);
  });

  it("runs the resource's modifyPlan", async () => {
    const plan = await h.plan(null, config({ rules: [{ protocol: 'icmp', ports: '1', sources: ['::/0'] }] }));
    expect(errorsOf(plan.diagnostics)).toEqual([{ summary: 'Invalid rules', path: ['rules'] }]);
  });

  it("keeps the user's spelling on refresh, forgets a deleted object, and shows real drift", async () => {
    const state = await h.converge(null, config());
    expect((await h.read(state)).state).toEqual(state);
    const o = remote(state);
    store.put({
      ...o,
      rules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0', '10.0.0.0/8'] }],
    });
    const drifted = (await h.read(state)).state!;
    const rules = [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '10.0.0.0/8', '::/0'] }];
    expect(sameValue(drifted, { ...state, rules })).toBe(true);
    store.remove(o.id);
    expect((await h.read(state)).state).toBeNull();
  });

  it('imports by id, and a differently spelled configuration then plans no change', async () => {
    const state = await h.converge(null, config());
    const imported = await h.importState(state.id as string);
    const read = (await h.read(imported.state!)).state!;
    expect(read.rules).toEqual([{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] }]);
    const plan = await h.plan(read, config());
    expect(plan.planned).toEqual(read);
    expect(plan.legacyTypeSystem).toBe(true);
    expect(errorsOf((await h.importState('nope')).diagnostics)).toEqual([
      { summary: 'Invalid import id', path: [] },
    ]);
  });
});

describe('lightyear_ssh_key plans through the framework', () => {
  const key = generateSshPublicKey('ed25519', { comment: 'user@host' }).line;
  const other = generateSshPublicKey('ed25519', { comment: 'user@host' }).line;
  const prior = {
    id: 'sshk_1',
    name: 'laptop',
    public_key: key,
    fingerprint: 'SHA256:x',
    created_at: '2026-01-01T00:00:00Z',
  };
  const cfg = (over: Record<string, Value>) => ({
    ...prior,
    id: null,
    fingerprint: null,
    created_at: null,
    ...over,
  });

  it('accepts file()-style keys with a trailing newline and never replaces for them', async () => {
    const h = await frameworkHarness(sshKeyResource, {} as never);
    expect(errorsOf(await h.validate(cfg({ public_key: `${key}\n` })))).toEqual([]);
    const plan = await h.plan(prior, cfg({ public_key: `${key}\n` }));
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toEqual(prior);
  });

  it('replaces for a different key, and refuses a private key at validate', async () => {
    const h = await frameworkHarness(sshKeyResource, {} as never);
    expect((await h.plan(prior, cfg({ public_key: other }))).requiresReplace).toEqual([['public_key']]);
    const diagnostics = await h.validate(cfg({ public_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n' }));
    expect(errorsOf(diagnostics)).toEqual([{ summary: 'Invalid public_key', path: ['public_key'] }]);
    expect(diagnostics[0]!.detail).toMatch(/private key.*\.pub/);
  });
});
