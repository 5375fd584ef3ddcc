/**
 * lightyear_block_storage and lightyear_block_storage_attachment through the real terraform binary, our
 * provider and the local cloud over HTTP: every attribute, in-place label and size changes, region
 * replacement, a shrink refused at plan time on size_gb, an attachment to an instance still provisioning,
 * imports (also by `plan -generate-config-out`), drift, and a destroy that leaves nothing behind.
 *
 * `lightyear_instance` is another kind: the instances are made through the API client and given to the
 * configuration as variables.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoggedRequest } from '../../../src/api';
import { DEMO_DURATIONS, INSTANT_DURATIONS } from '../../../src/cloud';
import {
  createLightyearWorkspace,
  planActions,
  TERRAFORM_BLOCK,
  type LightyearWorkspace,
} from './lightyear-workspace';
import { expectEmptyPlan, mustRun, resourceTest, stateValues, type Workspace } from './resource-test';

const VOLUME = 'lightyear_block_storage.data';
const ATTACHMENT = 'lightyear_block_storage_attachment.data';

interface VolumeConfig {
  readonly label?: string;
  readonly region?: string;
  readonly size?: number;
  /** The variable naming the instance to attach to; no attachment when absent. */
  readonly attachTo?: 'web_id' | 'other_id';
}

function config({ label = 'data', region = 'ams', size = 20, attachTo }: VolumeConfig = {}): string {
  const attachment =
    attachTo === undefined
      ? ''
      : `
resource "lightyear_block_storage_attachment" "data" {
  block_id    = lightyear_block_storage.data.id
  instance_id = var.${attachTo}

  timeouts {
    create = "3m"
    delete = "2m"
  }
}
`;
  return `${TERRAFORM_BLOCK}
variable "web_id" {
  type = string
}

variable "other_id" {
  type = string
}

resource "lightyear_block_storage" "data" {
  label   = ${JSON.stringify(label)}
  region  = "${region}"
  size_gb = ${size}

  timeouts {
    create = "5m"
    delete = "2m"
  }
}
${attachment}`;
}

/** The workspace as resourceTest drives it, with the instance ids as TF_VAR_ variables. */
function withInstances(lw: LightyearWorkspace, ids: { web: string; other: string }): Workspace {
  return {
    writeFiles: (files) => lw.ws.writeFiles(files),
    tf: (args, options = {}) =>
      lw.tf(args, {
        ...options,
        env: { TF_VAR_web_id: ids.web, TF_VAR_other_id: ids.other, ...options.env },
      }),
  };
}

async function requestLog(lw: LightyearWorkspace): Promise<LoggedRequest[]> {
  const base = lw.cloud.url.replace(/\/v1$/, '');
  const res = await fetch(`${base}/_local/requests`, {
    headers: { authorization: `Bearer ${lw.cloud.apiKey}` },
  });
  if (!res.ok) throw new Error(`GET /_local/requests: HTTP ${res.status}`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

async function newInstance(lw: LightyearWorkspace, label: string, region = 'ams') {
  return lw.client.instances.create({ region, plan: 'vc2-1c-1gb', image: 'debian-12', label });
}

describe('lightyear_block_storage with an attachment, step by step', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    // Instances provision for 15 s, so the attachment is created while its instance is still pending.
    lw = await createLightyearWorkspace({ lifecycle: { ...DEMO_DURATIONS, provisionMs: 15_000 } });
    lw.ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun({ writeFiles: (f) => lw.ws.writeFiles(f), tf: (a, o) => lw.tf(a, o) }, [
      'init',
      '-no-color',
      '-input=false',
    ]);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('creates, grows and relabels in place, moves the attachment, refuses a shrink, replaces on region, destroys', async () => {
    const web = await newInstance(lw, 'web');
    const other = await newInstance(lw, 'other');
    expect(web.status).toBe('pending');
    const ws = withInstances(lw, { web: web.id, other: other.id });
    let volumeId = '';

    await resourceTest(
      ws,
      [
        {
          config: config({ attachTo: 'web_id' }),
          expectActions: { [VOLUME]: ['create'], [ATTACHMENT]: ['create'] },
          check: async (state) => {
            const volume = state[VOLUME]!;
            volumeId = volume.id as string;
            expect(volume).toMatchObject({ label: 'data', region: 'ams', size_gb: 20, status: 'active' });
            expect(volume.id).toMatch(/^blk_/);
            expect(volume.created_at).toMatch(/Z$/);
            expect(volume.timeouts).toEqual({ create: '5m', delete: '2m' });
            expect(state[ATTACHMENT]).toMatchObject({
              id: volumeId,
              block_id: volumeId,
              instance_id: web.id,
            });
            expect((await lw.client.blocks.get(volumeId)).attached_to_instance_id).toBe(web.id);
            // The instance was still provisioning when the attach was first tried: refused as busy, retried.
            const busy = (await requestLog(lw)).filter(
              (r) => r.method === 'POST' && r.path === `/v1/blocks/${volumeId}/attach` && r.status === 409,
            );
            expect(busy.length).toBeGreaterThan(0);
          },
          importVerify: [{ address: ATTACHMENT, ignore: ['timeouts'] }],
        },
        {
          config: config({ label: 'logs', size: 40, attachTo: 'web_id' }),
          expectActions: { [VOLUME]: ['update'] },
          check: async (state) => {
            expect(state[VOLUME]).toMatchObject({ id: volumeId, label: 'logs', size_gb: 40 });
            expect(await lw.client.blocks.get(volumeId)).toMatchObject({
              label: 'logs',
              size_gb: 40,
              attached_to_instance_id: web.id,
            });
          },
          importVerify: [{ address: VOLUME, ignore: ['timeouts'] }],
        },
        {
          config: config({ label: 'logs', size: 40, attachTo: 'other_id' }),
          expectActions: { [ATTACHMENT]: ['delete', 'create'] },
          check: async () =>
            expect((await lw.client.blocks.get(volumeId)).attached_to_instance_id).toBe(other.id),
        },
        {
          // Spellings the API stores otherwise: no change at all.
          config: config({ label: '  logs\n', region: 'AMS', size: 40, attachTo: 'other_id' }),
          expectActions: {},
        },
        {
          config: config({ label: 'logs', size: 20, attachTo: 'other_id' }),
          expectError:
            /Error: Block storage cannot shrink[\s\S]*size_gb\s+=[\s\S]*current size of 40 GB[\s\S]*only grows/,
        },
        {
          // A volume in another region cannot stay attached to an instance in this one: the attachment goes.
          config: config({ label: 'logs', region: 'fra', size: 40 }),
          expectActions: { [VOLUME]: ['delete', 'create'], [ATTACHMENT]: ['delete'] },
          check: async (state) => {
            expect(state[VOLUME]).toMatchObject({ region: 'fra', size_gb: 40 });
            expect(state[VOLUME]!.id).not.toBe(volumeId);
            await expect(lw.client.blocks.get(volumeId)).rejects.toMatchObject({ code: 'not_found' });
          },
        },
      ],
      async () => expect(await lw.client.blocks.listAll()).toEqual([]),
    );
  }, 600_000);

  it('refuses the shrink at plan time, before anything changes', async () => {
    const ws = withInstances(lw, { web: 'inst_unused', other: 'inst_unused' });
    ws.writeFiles({ 'main.tf': config({ size: 30 }) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    ws.writeFiles({ 'main.tf': config({ size: 10 }) });
    const plan = await ws.tf(['plan', '-no-color', '-input=false']);
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toMatch(
      /on main\.tf line \d+, in resource "lightyear_block_storage" "data":\s+\d+:\s+size_gb = 10/,
    );
    expect(plan.stderr).not.toContain('forces replacement');
    ws.writeFiles({ 'main.tf': config({ size: 30 }) });
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.blocks.listAll()).toEqual([]);
  }, 300_000);

  it('refuses a region without block storage at plan time, naming the regions that have it', async () => {
    const ws = withInstances(lw, { web: 'inst_x', other: 'inst_x' });
    ws.writeFiles({ 'main.tf': config({ region: 'syd' }) });
    const plan = await ws.tf(['plan', '-no-color', '-input=false']);
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('Error: Invalid region');
    expect(plan.stderr).toContain('region syd (Sydney) offers no block storage');
    expect(plan.stderr).toMatch(/region\s+= "syd"/);
  });
});

describe('drift, imports and generated configuration', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;
  let web: { id: string };

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ lifecycle: INSTANT_DURATIONS });
    web = await newInstance(lw, 'web');
    ws = withInstances(lw, { web: web.id, other: web.id });
    ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
    await mustRun(ws, ['init', '-no-color', '-input=false']);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('follows changes made outside Terraform: detach, grow, relabel, delete', async () => {
    ws.writeFiles({ 'main.tf': config({ attachTo: 'web_id' }) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    await expectEmptyPlan(ws, 'the first apply');
    const id = (await stateValues(ws))[VOLUME]!.id as string;

    // Detached outside: the attachment is gone from state and planned again; the volume itself is unchanged.
    await lw.client.blocks.detach(id);
    expect(await planActions(lw, ['-var', `web_id=${web.id}`, '-var', `other_id=${web.id}`])).toEqual({
      [VOLUME]: ['no-op'],
      [ATTACHMENT]: ['create'],
    });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await lw.client.blocks.get(id)).attached_to_instance_id).toBe(web.id);
    await expectEmptyPlan(ws, 'attaching again');

    // Relabelled outside: an update puts the label back.
    await lw.client.blocks.update(id, { label: 'renamed' });
    expect(await planActions(lw, ['-var', `web_id=${web.id}`, '-var', `other_id=${web.id}`])).toMatchObject({
      [VOLUME]: ['update'],
    });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await lw.client.blocks.get(id)).label).toBe('data');

    // Grown outside past the configuration: the configuration would shrink it, which is refused with the
    // size it has now; raising the configuration past it is an update in place.
    await lw.client.blocks.update(id, { size_gb: 30 });
    const refused = await ws.tf(['plan', '-no-color', '-input=false']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Block storage cannot shrink');
    expect(refused.stderr).toMatch(new RegExp(`Volume ${id}\\s+is\\s+30\\s+GB\\s+now`));
    ws.writeFiles({ 'main.tf': config({ size: 30, attachTo: 'web_id' }) });
    await expectEmptyPlan(ws, 'matching the size grown outside');
    ws.writeFiles({ 'main.tf': config({ size: 50, attachTo: 'web_id' }) });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await lw.client.blocks.get(id)).size_gb).toBe(50);

    // Deleted outside: both leave state and are created again.
    await lw.client.blocks.detach(id);
    await lw.client.blocks.delete(id);
    expect(await planActions(lw, ['-var', `web_id=${web.id}`, '-var', `other_id=${web.id}`])).toEqual({
      [VOLUME]: ['create'],
      [ATTACHMENT]: ['create'],
    });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const again = (await stateValues(ws))[VOLUME]!.id as string;
    expect(again).not.toBe(id);
    expect((await lw.client.blocks.get(again)).attached_to_instance_id).toBe(web.id);

    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.blocks.listAll()).toEqual([]);
  }, 300_000);

  it('writes configuration for an imported volume and attachment that then plans no changes', async () => {
    const volume = await lw.client.blocks.create({ region: 'ams', size_gb: 25, label: 'found' });
    await lw.client.blocks.attach(volume.id, web.id);
    ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_block_storage.found
  id = "${volume.id}"
}

import {
  to = lightyear_block_storage_attachment.found
  id = "${volume.id}"
}
`,
    });
    await mustRun(ws, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_block_storage" "found"');
    expect(generated).toMatch(/size_gb\s+= 25/);
    expect(generated).toMatch(/region\s+= "ams"/);
    expect(generated).toContain(`block_id    = "${volume.id}"`);
    expect(generated).toContain(`instance_id = "${web.id}"`);
    expect(generated).not.toMatch(/\battached_to_instance_id\b|\bcreated_at\b/);

    const plan = await ws.tf(['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    await expectEmptyPlan(ws, 'importing with generated configuration');

    // An attachment's import id is its volume's id; anything else says so.
    await mustRun(ws, ['state', 'rm', '-no-color', 'lightyear_block_storage_attachment.found']);
    const bad = await ws.tf([
      'import',
      '-no-color',
      '-input=false',
      'lightyear_block_storage_attachment.found',
      web.id,
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid import id');
    expect(bad.stderr).toMatch(/imported\s+by\s+the\s+id\s+of\s+its\s+volume/);
    await mustRun(ws, [
      'import',
      '-no-color',
      '-input=false',
      'lightyear_block_storage_attachment.found',
      volume.id,
    ]);

    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.blocks.listAll()).toEqual([]);
  }, 300_000);
});
