/**
 * lightyear_snapshot through the real terraform binary, our provider and the local cloud over HTTP: a
 * snapshot of an instance still provisioning, description spellings, replacement, import (also by
 * `plan -generate-config-out`), drift, and a create that times out leaving a tainted snapshot in state.
 *
 * `lightyear_instance` is another kind: the instance is made through the API client and given to the
 * configuration as a variable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DURATIONS } from '../../../src/cloud';
import {
  createLightyearWorkspace,
  planActions,
  TERRAFORM_BLOCK,
  type LightyearWorkspace,
} from './lightyear-workspace';
import { expectEmptyPlan, mustRun, resourceTest, stateValues, type Workspace } from './resource-test';

const SNAPSHOT = 'lightyear_snapshot.nightly';

/** `description` as HCL, or no line at all when undefined. */
function config(description?: string, timeouts = 'create = "5m"'): string {
  const line = description === undefined ? '' : `\n  description = ${JSON.stringify(description)}`;
  return `${TERRAFORM_BLOCK}
variable "web_id" {
  type = string
}

resource "lightyear_snapshot" "nightly" {
  instance_id = var.web_id${line}

  timeouts {
    ${timeouts}
  }
}
`;
}

function withInstance(lw: LightyearWorkspace, webId: string): Workspace {
  return {
    writeFiles: (files) => lw.ws.writeFiles(files),
    tf: (args, options = {}) => lw.tf(args, { ...options, env: { TF_VAR_web_id: webId, ...options.env } }),
  };
}

async function workspace(
  snapshotMs: number,
): Promise<{ lw: LightyearWorkspace; ws: Workspace; webId: string }> {
  const lw = await createLightyearWorkspace({ lifecycle: { ...DEMO_DURATIONS, snapshotMs } });
  const web = await lw.client.instances.create({
    region: 'ams',
    plan: 'vc2-1c-1gb',
    image: 'debian-12',
    label: 'web',
  });
  const ws = withInstance(lw, web.id);
  ws.writeFiles({ 'main.tf': TERRAFORM_BLOCK });
  await mustRun(ws, ['init', '-no-color', '-input=false']);
  return { lw, ws, webId: web.id };
}

describe('lightyear_snapshot', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;
  let webId: string;

  beforeAll(async () => {
    ({ lw, ws, webId } = await workspace(DEMO_DURATIONS.snapshotMs));
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('snapshots an instance still provisioning, keeps equivalent descriptions, replaces on a new one', async () => {
    expect((await lw.client.instances.get(webId)).status).toBe('pending');
    let firstId = '';
    await resourceTest(
      ws,
      [
        {
          config: config('nightly'),
          expectActions: { [SNAPSHOT]: ['create'] },
          check: async (state) => {
            const snapshot = state[SNAPSHOT]!;
            firstId = snapshot.id as string;
            expect(snapshot).toMatchObject({
              instance_id: webId,
              description: 'nightly',
              status: 'complete',
              size_gb: 25,
              timeouts: { create: '5m' },
            });
            expect(snapshot.id).toMatch(/^snap_/);
            expect(snapshot.created_at).toMatch(/Z$/);
            expect(await lw.client.snapshots.get(firstId)).toMatchObject({
              status: 'complete',
              description: 'nightly',
            });
          },
          importVerify: [{ address: SNAPSHOT, ignore: ['timeouts'] }],
        },
        // Surrounding blanks are not part of the description; leaving it out keeps the snapshot as it is.
        { config: config('  nightly\n'), expectActions: {} },
        { config: config(), expectActions: {} },
        {
          config: config('weekly'),
          expectActions: { [SNAPSHOT]: ['delete', 'create'] },
          check: async (state) => {
            expect(state[SNAPSHOT]).toMatchObject({ description: 'weekly', status: 'complete' });
            await expect(lw.client.snapshots.get(firstId)).rejects.toMatchObject({ code: 'not_found' });
          },
        },
        // No description: "" and leaving it out are the same, and import agrees.
        {
          config: config(''),
          expectActions: { [SNAPSHOT]: ['delete', 'create'] },
          check: async (state) => {
            expect(state[SNAPSHOT]!.description).toBe('');
            expect((await lw.client.snapshots.get(state[SNAPSHOT]!.id as string)).description).toBeNull();
          },
          importVerify: [{ address: SNAPSHOT, ignore: ['timeouts'] }],
        },
      ],
      async () => expect(await lw.client.snapshots.listAll()).toEqual([]),
    );
  }, 600_000);

  it('takes the snapshot again when it was deleted outside Terraform', async () => {
    ws.writeFiles({ 'main.tf': config('nightly') });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const id = (await stateValues(ws))[SNAPSHOT]!.id as string;
    await lw.client.snapshots.delete(id);
    expect(await planActions(lw, ['-var', `web_id=${webId}`])).toEqual({ [SNAPSHOT]: ['create'] });
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
    expect((await stateValues(ws))[SNAPSHOT]!.id).not.toBe(id);
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.snapshots.listAll()).toEqual([]);
  }, 300_000);

  it('writes configuration for an imported snapshot that then plans no changes', async () => {
    const found = await lw.client.snapshots.create({ instance_id: webId, description: 'before upgrade' });
    ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
import {
  to = lightyear_snapshot.found
  id = "${found.id}"
}
`,
    });
    await mustRun(ws, ['plan', '-no-color', '-input=false', '-generate-config-out=generated.tf']);
    const generated = fs.readFileSync(path.join(lw.ws.workDir, 'generated.tf'), 'utf8');
    expect(generated).toContain('resource "lightyear_snapshot" "found"');
    expect(generated).toContain(`instance_id = "${webId}"`);
    expect(generated).toContain('description = "before upgrade"');
    expect(generated).not.toMatch(/\bcreated_at\b|\bsize_gb\b/);
    const plan = await ws.tf(['plan', '-no-color', '-input=false', '-out=tfplan']);
    expect(plan.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false', 'tfplan']);
    await expectEmptyPlan(ws, 'importing with generated configuration');
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.snapshots.listAll()).toEqual([]);
  }, 300_000);
});

describe('a snapshot that outlives timeouts.create', () => {
  let lw: LightyearWorkspace;
  let ws: Workspace;

  beforeAll(async () => {
    ({ lw, ws } = await workspace(10 * 60_000));
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('stays in state, tainted, and the next plan replaces it', async () => {
    ws.writeFiles({ 'main.tf': config('slow', 'create = "8s"') });
    const apply = await ws.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toMatch(/Timed out waiting for snapshot snap_\S+ to complete/);
    expect(apply.stderr).toContain('timeouts.create');
    const [remote] = await lw.client.snapshots.listAll();
    expect(remote?.status).toBe('pending');

    const show = JSON.parse((await mustRun(ws, ['show', '-json', '-no-color'])).stdout) as {
      values: {
        root_module: { resources: { address: string; tainted?: boolean; values: { id: string } }[] };
      };
    };
    const [resource] = show.values.root_module.resources;
    expect(resource).toMatchObject({ address: SNAPSHOT, tainted: true, values: { id: remote!.id } });
    expect(await planActions(lw, ['-var', `web_id=${remote!.instance_id}`])).toEqual({
      [SNAPSHOT]: ['delete', 'create'],
    });
    await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
    expect(await lw.client.snapshots.listAll()).toEqual([]);
  }, 300_000);
});
