/**
 * lightyear_webhook's plan cases through the framework server in-process, against a real local cloud.
 */
import { LightyearClient } from '../../../../src/client';
import { webhookResource } from '../../../../src/provider/resources/webhook/resource';
import type { ObjectValue } from '../../../../src/provider/protocol/values';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const URL = 'http://127.0.0.1:9/hooks';

function config(over: Partial<Record<string, unknown>> = {}): ObjectValue {
  return {
    id: null,
    url: URL,
    events: ['instance.created'],
    description: null,
    secret: null,
    created_at: null,
    ...over,
  } as ObjectValue;
}

describe('lightyear_webhook plans', () => {
  let cloud: TestCloud;
  let client: LightyearClient;
  let h: FrameworkHarness;

  beforeAll(async () => {
    cloud = await startTestCloud();
    client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
    h = await frameworkHarness(webhookResource, client);
  });

  afterAll(async () => {
    await client.close();
    await cloud.close();
  });

  it('creates with the secret; an update and a read keep it; each argument changes in place', async () => {
    const state = await h.converge(null, config({ description: 'deploys' }));
    expect(state.secret).toMatch(/^whsec_/);
    for (const change of [
      { url: 'http://127.0.0.1:10/hooks' },
      { events: ['block.attached'] },
      { description: 'other' },
      { description: null },
    ]) {
      const plan = await h.plan(state, config({ description: 'deploys', ...change }));
      expect({ change, replace: plan.requiresReplace }).toEqual({ change, replace: [] });
      expect(plan.planned!.secret).toBe(state.secret);
    }
    const updated = await h.converge(state, config({ events: ['block.attached', 'Block.Detached'] }));
    expect(updated).toMatchObject({ id: state.id, secret: state.secret, description: null });
    expect((await client.webhooks.get(state.id as string)).events).toEqual([
      'block.attached',
      'block.detached',
    ]);
    expect((await h.read(updated)).state!.secret).toBe(state.secret);
  });

  it('plans no change for equivalent spellings', async () => {
    const state = await h.converge(
      null,
      config({ events: ['instance.created', 'dns.record_changed'], description: 'x' }),
    );
    const plan = await h.plan(
      state,
      config({ events: ['DNS.Record_Changed', 'Instance.Created'], description: ' x ' }),
    );
    expect(plan.planned).toEqual(state);
  });

  it("refuses at plan time events whose objects the provider's key cannot read, on events", async () => {
    const created = await client.apiKeys.create({
      name: 'hooks',
      permissions: ['webhooks:write', 'account:read', 'instances:read'],
    });
    const limitedClient = new LightyearClient({ apiKey: created.secret, endpoint: cloud.url });
    try {
      const limited = await frameworkHarness(webhookResource, limitedClient);
      const plan = await limited.plan(null, config({ events: ['instance.created', 'dns.record_changed'] }));
      expect(errorsOf(plan.diagnostics)).toEqual([
        { summary: 'Events the provider’s key cannot read', path: ['events'] },
      ]);
      expect(plan.diagnostics[0]!.detail).toContain('lacks dns:read');
      expect(errorsOf((await limited.plan(null, config())).diagnostics)).toEqual([]);
    } finally {
      await limitedClient.close();
    }
  });

  it('imports every attribute but the secret; a deleted webhook leaves state', async () => {
    const state = await h.converge(null, config({ description: 'imported' }));
    const imported = await h.importState(state.id as string);
    expect((await h.read(imported.state!)).state).toEqual({ ...state, secret: null });
    await client.webhooks.delete(state.id as string);
    expect((await h.read(state)).state).toBeNull();
  });
});
