/**
 * examples/gitops end to end: the real cdktf and terraform deploy the dev and prod stacks against the local
 * cloud, with their state in a real PostgreSQL through Terraform's `pg` backend. The app is synthesized once
 * and every deploy runs on a copy of that output with `--skip-synth`, as a CI runner runs on its checkout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { cdktfEnvironment } from '../../../src/cli/cdktf-environment';
import { installProvider } from '../../../src/cli/provider-package';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { startPostgres, type RunningPostgres } from '../../helpers/postgres';
import { PROVIDER_BUNDLE } from '../provider/lightyear-workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE_DIR = path.join(ROOT, 'examples', 'gitops');
const CDKTF = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
const WORKFLOW = path.join(EXAMPLE_DIR, '.github', 'workflows', 'gitops.yml');

interface Run {
  readonly code: number;
  /** stdout and stderr together: cdktf prints terraform's errors on either. */
  readonly output: string;
}

interface DelayedRequest {
  readonly method: string;
  readonly start: number;
  readonly end: number;
}

interface StateFile {
  serial: number;
  lineage: string;
  resources: { type: string; name: string; instances: { attributes: { id: string; name: string } }[] }[];
}

describe('examples/gitops: dev and prod stacks with remote state in PostgreSQL', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lightyear-gitops-'));
  const synthDir = path.join(root, 'synth');
  let pg: RunningPostgres;
  let cloud: TestCloud;
  let env: Record<string, string | undefined>;

  function cdktf(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(CDKTF, args, {
        cwd: EXAMPLE_DIR,
        env: { ...env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });
  }

  /** A fresh copy of the synthesized app: what a CI runner has after checkout and `cdktf synth`. */
  function checkout(name: string): string {
    const dir = path.join(root, name);
    fs.cpSync(synthDir, dir, { recursive: true });
    return dir;
  }

  const deploy = (stack: string, outDir: string, extraEnv: Record<string, string> = {}): Promise<Run> =>
    cdktf(
      ['deploy', stack, '--auto-approve', '--skip-synth', '--skip-provider-lock', '--output', outDir],
      extraEnv,
    );

  async function stateOf(schema: string): Promise<StateFile> {
    const rows = (await pg.query(`SELECT name FROM ${schema}.states ORDER BY name`)).trim().split('\n');
    expect(rows).toEqual(['default']);
    return JSON.parse(
      await pg.query(`SELECT data FROM ${schema}.states WHERE name = 'default'`),
    ) as StateFile;
  }

  const keyIds = (state: StateFile): Record<string, string> =>
    Object.fromEntries(
      state.resources
        .filter((r) => r.type === 'lightyear_ssh_key')
        .flatMap((r) => r.instances.map((i) => [i.attributes.name, i.attributes.id])),
    );

  async function cloudKeys(): Promise<{ id: string; name: string }[]> {
    const res = await cloud.request('GET', '/ssh-keys?per_page=100');
    expect(res.status).toBe(200);
    return (res.body.ssh_keys as { id: string; name: string }[]).map(({ id, name }) => ({ id, name }));
  }

  /** The labels of the running servers of an environment, found by the tag its stack gives them. */
  async function serverLabels(env: string): Promise<string[]> {
    const res = await cloud.request('GET', `/instances?tag=env:${env}&per_page=100`);
    expect(res.status).toBe(200);
    return (res.body.instances as { label: string; status: string }[])
      .filter((i) => i.status === 'active')
      .map((i) => i.label)
      .sort();
  }

  const controlHeaders = (): Record<string, string> => ({
    authorization: `Bearer ${cloud.apiKey}`,
    'content-type': 'application/json',
  });

  async function armFault(fault: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${cloud.origin}/_local/faults`, {
      method: 'POST',
      headers: controlHeaders(),
      body: JSON.stringify(fault),
    });
    expect(res.status).toBe(201);
  }

  /** The requests a delay fault held, from the cloud's request log, with when each was in the cloud. */
  async function delayedRequests(): Promise<DelayedRequest[]> {
    const res = await fetch(`${cloud.origin}/_local/requests`, { headers: controlHeaders() });
    const body = (await res.json()) as {
      requests: { method: string; fault: string | null; started_at: string; duration_ms: number }[];
    };
    return body.requests
      .filter((r) => r.fault === 'delay')
      .map((r) => {
        const start = Date.parse(r.started_at);
        return { method: r.method, start, end: start + r.duration_ms };
      });
  }

  beforeAll(async () => {
    if (!fs.existsSync(PROVIDER_BUNDLE)) throw new Error(`${PROVIDER_BUNDLE} is missing: run npm run build`);
    [pg, cloud] = await Promise.all([startPostgres(), startTestCloud()]);
    const installed = installProvider({ dataDir: path.join(root, 'lightyear'), bundlePath: PROVIDER_BUNDLE });
    for (const dir of ['home', 'tmp']) fs.mkdirSync(path.join(root, dir));
    env = cdktfEnvironment(
      {
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            ([k]) => !k.startsWith('TF_') && !k.startsWith('LIGHTYEAR_') && !k.startsWith('PG'),
          ),
        ),
        HOME: path.join(root, 'home'),
        TMPDIR: path.join(root, 'tmp'),
        CHECKPOINT_DISABLE: '1',
        TF_CLI_CONFIG_FILE: installed.cliConfigPath,
        LIGHTYEAR_ENDPOINT: cloud.url,
        LIGHTYEAR_API_KEY: cloud.apiKey,
        PG_CONN_STR: pg.connectionString,
      },
      { terminal: false },
    );
    const synth = await cdktf(['synth', '--output', synthDir]);
    if (synth.code !== 0) throw new Error(`cdktf synth failed:\n${synth.output}`);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([pg?.stop(), cloud?.close()]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('synthesizes no connection string or API key', () => {
    for (const stack of ['dev', 'prod']) {
      const json = fs.readFileSync(path.join(synthDir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      expect(json).not.toContain(pg.connectionString);
      expect(json).not.toContain(cloud.apiKey);
      expect(JSON.parse(json).terraform.backend).toEqual({
        pg: { schema_name: `lightyear_gitops_${stack}` },
      });
    }
  });

  it('deploys dev with its state in the dev schema, nowhere else', async () => {
    const outDir = checkout('dev');
    const run = await deploy('dev', outDir);
    // The key, the firewall, one server, the zone and two records (app-1 and the apex).
    expect(run.output).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
    expect(run.code).toBe(0);

    const ids = keyIds(await stateOf('lightyear_gitops_dev'));
    expect(Object.keys(ids)).toEqual(['dev-deploy']);
    expect(await cloudKeys()).toEqual([{ id: ids['dev-deploy'], name: 'dev-deploy' }]);
    expect(await serverLabels('dev')).toEqual(['dev-app-1']);
    expect(fs.readdirSync(path.join(outDir, 'stacks', 'dev')).filter((n) => n.includes('tfstate'))).toEqual(
      [],
    );
  });

  it('deploys prod into its own schema, with its own objects', async () => {
    const devBefore = await stateOf('lightyear_gitops_dev');
    const run = await deploy('prod', checkout('prod'));
    // Two keys, the firewall, two servers, the zone and three records.
    expect(run.output).toContain('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
    expect(run.code).toBe(0);

    const prodIds = keyIds(await stateOf('lightyear_gitops_prod'));
    expect(Object.keys(prodIds).sort()).toEqual(['prod-break-glass', 'prod-deploy']);
    expect(await stateOf('lightyear_gitops_dev')).toEqual(devBefore);
    expect((await cloudKeys()).map((k) => k.id).sort()).toEqual(
      [...Object.values(keyIds(devBefore)), ...Object.values(prodIds)].sort(),
    );
    expect(await serverLabels('prod')).toEqual(['prod-app-1', 'prod-app-2']);
    expect(await serverLabels('dev')).toEqual(['dev-app-1']);
  });

  it('redeploys dev and prod at the same time without either waiting on the other: no changes', async () => {
    const before = {
      dev: await stateOf('lightyear_gitops_dev'),
      prod: await stateOf('lightyear_gitops_prod'),
    };
    // Each refresh's read of the SSH keys is held 15 s inside its state lock, so both runs are certainly
    // inside their locks at once: the stacks' locks are distinct (their rows' ids come from one sequence).
    await armFault({ method: 'GET', path: '/v1/ssh-keys*', delay_ms: 15_000, count: 2 });
    await fetch(`${cloud.origin}/_local/requests`, { method: 'DELETE', headers: controlHeaders() });

    const runs = await Promise.all([deploy('dev', checkout('dev-2')), deploy('prod', checkout('prod-2'))]);
    for (const run of runs) {
      expect(run.output).toContain('No changes.');
      expect(run.code).toBe(0);
    }
    const held = await delayedRequests();
    expect(held).toHaveLength(2);
    const [a, b] = held as [DelayedRequest, DelayedRequest];
    expect(a.start < b.end && b.start < a.end).toBe(true);

    for (const stack of ['dev', 'prod'] as const) {
      const after = await stateOf(`lightyear_gitops_${stack}`);
      expect(after.lineage).toBe(before[stack].lineage);
      expect(keyIds(after)).toEqual(keyIds(before[stack]));
    }
  });

  it('refuses the second of two deploys started at once on the state lock; the state stays whole', async () => {
    const before = await stateOf('lightyear_gitops_dev');
    // The refresh's first read of SSH keys is held for 15 s: whichever deploy takes the lock first keeps it
    // while the other reaches Terraform's lock, however their start-up times differ on a busy machine.
    await armFault({ method: 'GET', path: '/v1/ssh-keys*', delay_ms: 15_000, count: 1 });

    const runs = await Promise.all([
      deploy('dev', checkout('runner-a')),
      deploy('dev', checkout('runner-b')),
    ]);
    const won = runs.filter((r) => r.code === 0);
    const lost = runs.filter((r) => r.code !== 0);
    expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: 1 });
    expect(won[0]!.output).toContain('No changes.');
    expect(lost[0]!.output).toContain('Error acquiring the state lock');
    expect(lost[0]!.output).toMatch(/Workspace is already locked: default/);

    // Intact: the same lineage and objects, no second key, the lock released, and a plan is empty.
    const after = await stateOf('lightyear_gitops_dev');
    expect(after.lineage).toBe(before.lineage);
    expect(keyIds(after)).toEqual(keyIds(before));
    expect((await cloudKeys()).filter((k) => k.name === 'dev-deploy')).toHaveLength(1);
    const diff = await cdktf([
      'diff',
      'dev',
      '--skip-synth',
      '--skip-provider-lock',
      '--output',
      path.join(root, 'runner-a'),
    ]);
    expect(diff.output).toContain('No changes.');
    expect(diff.code).toBe(0);
  });

  it("with the workflow's -lock-timeout, a deploy waits out a lock another run holds, then applies", async () => {
    const workflow = load(fs.readFileSync(WORKFLOW, 'utf8')) as { env: Record<string, string> };
    const waiting = { TF_CLI_ARGS_apply: workflow.env.TF_CLI_ARGS_apply! };
    expect(waiting.TF_CLI_ARGS_apply).toMatch(/^-lock-timeout=/);
    const before = await stateOf('lightyear_gitops_dev');

    // Another run holds dev's lock for 30 s: the advisory lock Terraform takes, on the state row's id.
    const holding = pg.query(
      "SELECT pg_advisory_lock(id) FROM lightyear_gitops_dev.states WHERE name = 'default'; SELECT pg_sleep(30);",
    );
    let heldUntil = 0;
    void holding.then(() => (heldUntil = Date.now()));
    for (let i = 0; i < 50; i++) {
      if (
        (await pg.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")).trim() ===
        '1'
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await fetch(`${cloud.origin}/_local/requests`, { method: 'DELETE', headers: controlHeaders() });

    const [refused, waited] = await Promise.all([
      deploy('dev', checkout('no-timeout')),
      deploy('dev', checkout('workflow'), waiting),
    ]);
    await holding;
    // Without a timeout the held lock is refused at once, and says why.
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('Error acquiring the state lock');
    expect(refused.output).toContain('Workspace is already locked: default');
    // With it, the run waited: its first call to the cloud came only after the lock was released.
    expect(waited.output).toContain('No changes.');
    expect(waited.code).toBe(0);
    const res = await fetch(`${cloud.origin}/_local/requests`, { headers: controlHeaders() });
    const firstCall = ((await res.json()) as { requests: { started_at: string }[] }).requests[0];
    expect(Date.parse(firstCall!.started_at)).toBeGreaterThanOrEqual(heldUntil - 1000);
    expect((await stateOf('lightyear_gitops_dev')).lineage).toBe(before.lineage);
  });
});
