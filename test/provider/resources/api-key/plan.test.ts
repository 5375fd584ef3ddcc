/**
 * lightyear_api_key's plan cases through the framework server in-process (msgpack in and out, as Terraform
 * drives it), against a real local cloud on 127.0.0.1 so the plan-time checks see the API's own answers.
 */
import { LightyearClient } from '../../../../src/client';
import { apiKeyResource } from '../../../../src/provider/resources/api-key/resource';
import { UNKNOWN, Unknown, type ObjectValue } from '../../../../src/provider/protocol/values';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

function config(over: Partial<Record<string, unknown>> = {}): ObjectValue {
  return {
    id: null,
    name: 'ci',
    permissions: ['instances:read'],
    expires_at: null,
    allowed_ips: null,
    prefix: null,
    secret: null,
    last_used_at: null,
    created_at: null,
    ...over,
  } as ObjectValue;
}

describe('lightyear_api_key plans', () => {
  let cloud: TestCloud;
  let client: LightyearClient;
  let h: FrameworkHarness;

  beforeAll(async () => {
    cloud = await startTestCloud();
    client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
    h = await frameworkHarness(apiKeyResource, client);
  });

  afterAll(async () => {
    await client.close();
    await cloud.close();
  });

  it('creates with the secret and keeps it across a read; equivalent spellings then plan no change', async () => {
    const expires = inHours(2);
    const written = config({
      permissions: ['Instances:Read', 'DNS:write'],
      expires_at: expires.replace('Z', '+00:00'),
      allowed_ips: ['127.0.0.1', '::0/0'],
    });
    const state = await h.converge(null, written);
    expect(state.secret).toMatch(/^ly_/);
    // The user's spellings stay in state.
    expect(state).toMatchObject({
      permissions: ['Instances:Read', 'DNS:write'],
      allowed_ips: ['127.0.0.1', '::0/0'],
    });

    const read = await h.read(state);
    expect(read.state!.secret).toBe(state.secret);

    const again = await h.plan(
      state,
      config({
        permissions: ['dns:write', 'instances:read'],
        expires_at: expires,
        allowed_ips: ['::/0', '127.0.0.1/32'],
      }),
    );
    expect(again.requiresReplace).toEqual([]);
    expect(errorsOf(again.diagnostics)).toEqual([]);
    expect(again.planned).toMatchObject({ secret: state.secret, id: state.id });
  });

  it('replaces the key for a real change of any argument', async () => {
    const state = await h.converge(null, config());
    for (const change of [
      { name: 'other' },
      { permissions: ['instances:write'] },
      { expires_at: inHours(3) },
      { allowed_ips: ['10.0.0.0/8'] },
    ]) {
      const plan = await h.plan(state, config(change));
      expect({ change, replace: plan.requiresReplace }).toEqual({
        change,
        replace: [[Object.keys(change)[0]]],
      });
    }
    // Terraform plans the create half of a replacement again without a prior state: a new secret, unknown.
    const create = await h.plan(null, config({ name: 'other' }));
    expect(create.planned!.secret).toBeInstanceOf(Unknown);
  });

  it('plans an expired key for replacement through its secret, with a warning', async () => {
    const state = await h.converge(null, config({ expires_at: inHours(1) }));
    const expired = { ...state, expires_at: '2020-01-01T00:00:00.000Z' };
    const plan = await h.plan(expired, { ...config(), expires_at: '2020-01-01T00:00:00Z' });
    expect(plan.requiresReplace).toEqual([['secret']]);
    expect(plan.planned!.secret).toBe(UNKNOWN);
    expect(plan.diagnostics.map((d) => d.summary)).toEqual(['API key expired']);
  });

  it('refuses an expiry in the past at plan time, on expires_at; an unknown one is judged later', async () => {
    const plan = await h.plan(null, config({ expires_at: '2020-01-01T00:00:00Z' }));
    expect(errorsOf(plan.diagnostics)).toEqual([{ summary: 'Expiry in the past', path: ['expires_at'] }]);
    const unknown = await h.plan(null, config({ expires_at: UNKNOWN }));
    expect(errorsOf(unknown.diagnostics)).toEqual([]);
  });

  it('refuses unknown permissions at validate, on permissions', async () => {
    const diagnostics = await h.validate(config({ permissions: ['instances:read', 'servers:write'] }));
    expect(errorsOf(diagnostics)).toEqual([{ summary: expect.any(String), path: ['permissions'] }]);
    expect(diagnostics[0]!.detail).toContain('"servers:write", which is not a permission');
  });

  it("refuses at plan time what the provider's own key cannot grant, each on its attribute", async () => {
    const created = await client.apiKeys.create({
      name: 'limited',
      permissions: ['account:write', 'dns:read'],
      expires_at: inHours(1),
      allowed_ips: ['127.0.0.0/8'],
    });
    const limitedClient = new LightyearClient({ apiKey: created.secret, endpoint: cloud.url });
    try {
      const limited = await frameworkHarness(apiKeyResource, limitedClient);
      const plan = await limited.plan(
        null,
        config({
          permissions: ['dns:read', 'dns:write'],
          expires_at: inHours(2),
          allowed_ips: ['0.0.0.0/0'],
        }),
      );
      expect(errorsOf(plan.diagnostics).map((e) => e.path)).toEqual([
        ['permissions'],
        ['expires_at'],
        ['allowed_ips'],
      ]);
      const fine = await limited.plan(
        null,
        config({ permissions: ['dns:read'], expires_at: inHours(0.5), allowed_ips: ['127.0.0.1'] }),
      );
      expect(errorsOf(fine.diagnostics)).toEqual([]);
      // And the API agrees: the key within the limits is created.
      const state = await limited.converge(
        null,
        config({ permissions: ['dns:read'], expires_at: inHours(0.5), allowed_ips: ['127.0.0.1'] }),
      );
      expect(state.secret).toMatch(/^ly_/);
    } finally {
      await limitedClient.close();
    }
  });

  it('imports with every attribute but the secret, and a revoked key leaves state', async () => {
    const state = await h.converge(null, config({ name: 'to-import' }));
    const imported = await h.importState(state.id as string);
    const read = await h.read(imported.state!);
    expect(read.state).toEqual({ ...state, secret: null });
    await client.apiKeys.delete(state.id as string);
    expect((await h.read(state)).state).toBeNull();
    const bad = await h.importState('sshk_1');
    expect(bad.diagnostics[0]!.summary).toBe('Invalid import id');
  });
});
