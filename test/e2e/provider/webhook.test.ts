/**
 * lightyear_webhook through the real terraform, our provider and the local cloud over HTTP: every argument,
 * equivalent spellings, each in-place change, import (the secret is not exposed), config generation, drift,
 * plan-time errors on their attributes, and a signed delivery verified with the secret from the state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INSTANT_DURATIONS } from '../../../src/cloud/lifecycle';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../helpers/webhook-receiver';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';
import {
  expectEmptyPlan,
  mustRun,
  plannedActions,
  resourceTest,
  stateValues,
  type Workspace,
} from './resource-test';

const ADDRESS = 'lightyear_webhook.deploys';

interface WebhookArgs {
  readonly url: string;
  readonly events?: readonly string[];
  readonly description?: string;
  readonly active?: boolean;
}

function webhookConfig(args: WebhookArgs): string {
  const lines = [
    `  url    = ${JSON.stringify(args.url)}`,
    `  events = ${JSON.stringify(args.events ?? ['instance.created', 'instance.destroyed'])}`,
    ...(args.description === undefined ? [] : [`  description = ${JSON.stringify(args.description)}`]),
    ...(args.active === undefined ? [] : [`  active = ${String(args.active)}`]),
  ];
  return `${TERRAFORM_BLOCK}
resource "lightyear_webhook" "deploys" {
${lines.join('\n')}
}
`;
}

function asWorkspace(lw: LightyearWorkspace): Workspace {
  return { writeFiles: (files) => lw.ws.writeFiles(files), tf: (args, options) => lw.tf(args, options) };
}

/** Six steps of plan, apply, plan and import on a shared 2-core machine: minutes, past the e2e default. */
const LONG_TEST_MS = 600_000;

describe('lightyear_webhook lifecycle', () => {
  let lw: LightyearWorkspace;
  let receiver: WebhookReceiver;
  let other: WebhookReceiver;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    receiver = await startWebhookReceiver('/hooks/a');
    other = await startWebhookReceiver('/hooks/b');
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(asWorkspace(lw), ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await receiver.close();
    await other.close();
    await lw.dispose();
  });

  it(
    'creates with every argument; equivalent spellings plan empty; import hides the secret; each argument changes in place',
    async () => {
      let id = '';
      let secret = '';
      await resourceTest(
        asWorkspace(lw),
        [
          {
            config: webhookConfig({ url: receiver.url, description: 'deploy notifications' }),
            expectActions: { [ADDRESS]: ['create'] },
            check: async (state) => {
              const hook = state[ADDRESS]!;
              id = hook.id as string;
              secret = hook.secret as string;
              expect(id).toMatch(/^whk_/);
              expect(secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
              expect(hook).toMatchObject({
                url: receiver.url,
                events: ['instance.created', 'instance.destroyed'],
                description: 'deploy notifications',
              });
              expect(await lw.client.webhooks.get(id)).toMatchObject({
                url: receiver.url,
                description: 'deploy notifications',
              });
              // A refresh keeps the secret the API will never show again.
              await mustRun(asWorkspace(lw), [
                'apply',
                '-refresh-only',
                '-auto-approve',
                '-no-color',
                '-input=false',
              ]);
              expect((await stateValues(asWorkspace(lw)))[ADDRESS]!.secret).toBe(secret);
            },
            importVerify: [{ address: ADDRESS, ignore: ['secret'] }],
          },
          {
            // Letter case, a repeated event and blanks the API trims: the same webhook, nothing to do.
            config: webhookConfig({
              url: receiver.url,
              events: ['Instance.Destroyed', 'INSTANCE.CREATED', 'instance.created'],
              description: '  deploy notifications ',
            }),
            expectActions: {},
            check: (state) => {
              // Import left the secret null; refreshes did not invent one.
              expect(state[ADDRESS]!.secret).toBeNull();
              expect(state[ADDRESS]!.id).toBe(id);
            },
            importVerify: [{ address: ADDRESS, ignore: ['secret', 'events', 'description'] }],
          },
          {
            config: webhookConfig({ url: other.url, description: 'deploy notifications' }),
            expectActions: { [ADDRESS]: ['update'] },
            check: async (state) => {
              expect(state[ADDRESS]).toMatchObject({ id, url: other.url });
              expect((await lw.client.webhooks.get(id)).url).toBe(other.url);
            },
          },
          {
            config: webhookConfig({
              url: other.url,
              events: ['dns.record_changed'],
              description: 'deploy notifications',
            }),
            expectActions: { [ADDRESS]: ['update'] },
            check: async () =>
              expect((await lw.client.webhooks.get(id)).events).toEqual(['dns.record_changed']),
          },
          {
            config: webhookConfig({
              url: other.url,
              events: ['dns.record_changed'],
              description: 'dns changes',
            }),
            expectActions: { [ADDRESS]: ['update'] },
            check: async () => expect((await lw.client.webhooks.get(id)).description).toBe('dns changes'),
          },
          {
            // Paused in place: the webhook stays, deliveries wait.
            config: webhookConfig({
              url: other.url,
              events: ['dns.record_changed'],
              description: 'dns changes',
              active: false,
            }),
            expectActions: { [ADDRESS]: ['update'] },
            check: async (state) => {
              expect(state[ADDRESS]).toMatchObject({ id, active: false });
              expect((await lw.client.webhooks.get(id)).active).toBe(false);
            },
          },
          {
            // Removing the description clears it; leaving `active` out makes it active again.
            config: webhookConfig({ url: other.url, events: ['dns.record_changed'] }),
            expectActions: { [ADDRESS]: ['update'] },
            check: async (state) => {
              expect(state[ADDRESS]).toMatchObject({ id, description: null, active: true });
              expect(await lw.client.webhooks.get(id)).toMatchObject({ description: null, active: true });
            },
          },
        ],
        async () => expect(await lw.client.webhooks.listAll()).toEqual([]),
      );
    },
    LONG_TEST_MS,
  );
});

/** The instance whose creation the webhook reports, made by Terraform in a second apply. */
const INSTANCE_BLOCK = `
resource "lightyear_instance" "web" {
  region = "ams"
  plan   = "vc2-1c-1gb"
  image  = "ubuntu-24.04"
  label  = "web-1"
}
`;

describe('a webhook made by terraform receives signed deliveries', () => {
  let lw: LightyearWorkspace;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: INSTANT_DURATIONS });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
    await lw.dispose();
  });

  it('verifies instance.created with the secret read from the state', async () => {
    const webhookOnly = `${webhookConfig({ url: receiver.url, events: ['instance.created'] })}
output "webhook_secret" {
  value     = lightyear_webhook.deploys.secret
  sensitive = true
}
`;
    lw.ws.writeFiles({ 'main.tf': webhookOnly });
    const ws = asWorkspace(lw);
    await mustRun(ws, ['init', '-no-color', '-input=false']);
    const apply = await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.stdout).toContain('webhook_secret = <sensitive>');
    const output = await mustRun(ws, ['output', '-json', 'webhook_secret']);
    const secret = JSON.parse(output.stdout) as string;
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;

    // Then Terraform creates an instance: the cloud reports it to the webhook, signed with that secret.
    lw.ws.writeFiles({ 'main.tf': `${webhookOnly}${INSTANCE_BLOCK}` });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const instanceId = (await stateValues(ws))['lightyear_instance.web']!.id as string;
    await waitUntil(() => receiver.processed().length > 0, 30_000);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ verified: true, status: 200 });
    expect(request!.headers['x-lightyear-event']).toBe('instance.created');
    expect(receiver.processed()[0]).toMatchObject({
      type: 'instance.created',
      data: { instance: { id: instanceId, label: 'web-1' } },
    });
    // The delivery the cloud logged for this webhook is the one the receiver accepted.
    const hookId = (await stateValues(ws))[ADDRESS]!.id as string;
    const attempts = await lw.client.webhooks.deliveries(hookId).listAll();
    expect(attempts).toEqual([expect.objectContaining({ succeeded: true, status_code: 200 })]);

    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.webhooks.listAll()).toEqual([]);
    expect(await lw.client.instances.listAll()).toEqual([]);
  });
});

describe('lightyear_webhook outside the happy path', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    ws = asWorkspace(lw);
    receiver = await startWebhookReceiver();
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(ws, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await receiver.close();
    await lw.dispose();
  });

  afterEach(() => {
    expect(lw.leftoverSockets()).toEqual([]);
  });

  it('shows a change made outside terraform as drift and puts it back; re-creates a deleted webhook', async () => {
    ws.writeFiles({ 'main.tf': webhookConfig({ url: receiver.url, description: 'kept' }) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const { id, secret } = (await stateValues(ws))[ADDRESS]!;

    await lw.client.webhooks.update(id as string, {
      events: ['block.attached'],
      description: 'changed',
      active: false,
    });
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    // The refreshed state shows the change made outside (paused too); the plan puts the configuration back.
    expect(plan.stdout).toMatch(/~ description = "changed" -> "kept"/);
    expect(plan.stdout).toMatch(/~ active\s+= false -> true/);
    expect(plan.stdout).toContain('- "block.attached"');
    expect(await plannedActions(ws)).toEqual({ [ADDRESS]: ['update'] });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'step.tfplan']);
    expect(await lw.client.webhooks.get(id as string)).toMatchObject({
      events: ['instance.created', 'instance.destroyed'],
      description: 'kept',
      active: true,
    });
    // The update kept the secret the API showed only at creation.
    expect((await stateValues(ws))[ADDRESS]!.secret).toBe(secret);

    await lw.client.webhooks.delete(id as string);
    expect(await plannedActions(ws)).toEqual({ [ADDRESS]: ['create'] });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'step.tfplan']);
    const again = (await stateValues(ws))[ADDRESS]!;
    expect(again.id).not.toBe(id);
    expect(again.secret).toMatch(/^whsec_/);
    await expectEmptyPlan(ws, 're-creating the deleted webhook');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.webhooks.listAll()).toEqual([]);
  });

  it('creates a webhook paused when told so, and plans nothing more', async () => {
    ws.writeFiles({ 'main.tf': webhookConfig({ url: receiver.url, active: false }) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const { id, secret } = (await stateValues(ws))[ADDRESS]!;
    expect(secret).toMatch(/^whsec_/);
    expect((await lw.client.webhooks.get(id as string)).active).toBe(false);
    await expectEmptyPlan(ws, 'creating a paused webhook');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
  });

  it('generates configuration for an imported webhook, without the secret, that then plans no changes', async () => {
    const existing = await lw.client.webhooks.create({
      url: receiver.url,
      events: ['dns.record_changed'],
      description: 'found',
    });
    ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_webhook.found
  id = "${existing.webhook.id}"
}
`,
    });
    await mustRun(ws, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_webhook" "found"');
    expect(generated).toContain(`url         = "${receiver.url}"`);
    expect(generated).not.toMatch(/\bsecret\b|\bcreated_at\b/);
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const state = (await stateValues(ws))['lightyear_webhook.found']!;
    expect(state.secret).toBeNull();
    expect(JSON.stringify(state)).not.toContain(existing.secret);
    await expectEmptyPlan(ws, 'importing with generated configuration');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    fs.rmSync(path.join(lw.ws.workDir, 'generated.tf'));
    expect(await lw.client.webhooks.listAll()).toEqual([]);
  });

  it('refuses unknown events at validate, listing the known ones, on events', async () => {
    ws.writeFiles({
      'main.tf': webhookConfig({ url: receiver.url, events: ['instance.created', 'server.exploded'] }),
    });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('"server.exploded", which is not an event type');
    expect(validate.stderr).toContain('instance.created, instance.destroyed, instance.power_on');
    expect(validate.stderr).toMatch(/events = \[/);
  });

  it('refuses a URL the API would refuse at validate, on url', async () => {
    ws.writeFiles({ 'main.tf': webhookConfig({ url: 'http://example.com/hook' }) });
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('url must be an absolute https:// URL');
    expect(validate.stderr).toMatch(/url {4}= "http:\/\/example.com\/hook"/);
  });

  it("refuses at plan time events whose objects the provider's key cannot read, on events", async () => {
    const limited = await lw.client.apiKeys.create({
      name: 'webhooks-only',
      permissions: ['webhooks:write', 'account:read', 'instances:read'],
    });
    const env = { LIGHTYEAR_API_KEY: limited.secret };
    ws.writeFiles({
      'main.tf': webhookConfig({ url: receiver.url, events: ['instance.created', 'dns.record_changed'] }),
    });
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { env });
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('Events the provider’s key cannot read');
    expect(plan.stderr).toContain('lacks dns:read');
    expect(plan.stderr).toMatch(/events = \[/);
    expect(`${plan.stdout}${plan.stderr}`).not.toContain(limited.secret);
    await lw.client.apiKeys.delete(limited.api_key.id);
    expect(await lw.client.webhooks.listAll()).toEqual([]);
  });
});
