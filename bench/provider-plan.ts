/**
 * 200 resources through terraform: our lightyear_ssh_key against the built-in terraform_data (no provider
 * process at all: the floor). Plan (create), apply, and plan after apply (refresh: 200 reads) — the
 * figures a user of a real stack feels. The local cloud runs in this process, rate limit off, in memory.
 *
 *   npm run build && node --import tsx bench/provider-plan.ts [resources] [repeats] [label=path/to/bundle.js ...]
 *
 * Extra `label=path` arguments add other builds of the provider (each with its `lightyear-provider-client.js`
 * beside it), run interleaved with this one: a before/after comparison under the same load.
 *
 * Two more rows split what a provider costs into what is paid once per command and what is paid per
 * resource: one `lightyear_ssh_key` beside count − 1 `terraform_data` (every provider process Terraform
 * starts, with almost no per-resource work), and the lower bound of any provider written for Node —
 * `terraform_data`'s own time plus, for each provider process the command started, one bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../src/cli/provider-package';
import { startLocalCloud } from '../src/cloud';
import { createTerraformWorkspace, type TerraformWorkspace } from '../test/helpers/terraform';
import { lightyearConfig } from './provider-plan-config';
import { percentile, printLoadAverage, printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');

function terraformDataConfig(count: number): string {
  return `resource "terraform_data" "k" {
  count = ${count}
  input = "bench-\${count.index}"
}
`;
}

/** Every provider process a command starts, and one resource's worth of work in them. */
function oneOfOursConfig(count: number): string {
  return `${lightyearConfig(1)}${terraformDataConfig(count - 1)}`;
}

/** Wall time of a bare `node -e 0`, spawned as Terraform spawns a provider. */
function bareNodeMs(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return performance.now() - started;
}

const PRELOAD = path.resolve(__dirname, 'cpu-profile-preload.js');

interface Timing {
  readonly ms: number;
  /** CPU time (user + system) of every provider process the command started, summed. */
  readonly providerCpuMs: number;
  /** How many provider processes the command started. */
  readonly processes: number;
}

async function timed(ws: TerraformWorkspace, args: string[], env: Record<string, string>): Promise<Timing> {
  const usageFile = path.join(ws.root, `cpu-${args[0]}-${Date.now()}.jsonl`);
  const run = await ws.terraform(args, {
    env: { ...env, NODE_OPTIONS: `--require ${PRELOAD}`, LIGHTYEAR_CPU_USAGE_FILE: usageFile },
  });
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stderr}`);
  const lines = fs.existsSync(usageFile) ? fs.readFileSync(usageFile, 'utf8').trim().split('\n') : [];
  const providerCpuMs = lines
    .filter((line) => line !== '')
    .reduce((sum, line) => sum + (JSON.parse(line) as { cpuMs: number }).cpuMs, 0);
  return { ms: run.durationMs, providerCpuMs, processes: lines.filter((line) => line !== '').length };
}

type Step = 'plan (create)' | 'apply' | 'plan (refresh)';
const STEPS: readonly Step[] = ['plan (create)', 'apply', 'plan (refresh)'];

/** One fresh workspace through plan, apply, refresh plan and destroy; the timings of the first three. */
async function runOnce(config: string, env: Record<string, string>, cliConfig?: string): Promise<Timing[]> {
  const ws = createTerraformWorkspace();
  const runEnv = { ...env, ...(cliConfig ? { TF_CLI_CONFIG_FILE: cliConfig } : {}) };
  try {
    ws.writeFiles({ 'main.tf': config });
    await timed(ws, ['init', '-input=false', '-no-color'], runEnv);
    const plan = await timed(ws, ['plan', '-input=false', '-no-color'], runEnv);
    const apply = await timed(ws, ['apply', '-auto-approve', '-input=false', '-no-color'], runEnv);
    const refresh = await timed(ws, ['plan', '-input=false', '-no-color'], runEnv);
    await timed(ws, ['destroy', '-auto-approve', '-input=false', '-no-color'], runEnv);
    return [plan, apply, refresh];
  } finally {
    ws.dispose();
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const repeats = Number(process.argv[3] ?? 3);
  const builds: [string, string][] = [['lightyear_ssh_key', BUNDLE]];
  for (const arg of process.argv.slice(4)) {
    const [label, bundle] = arg.split('=');
    if (!label || !bundle) throw new Error(`expected label=path, got ${arg}`);
    builds.push([`lightyear_ssh_key, ${label}`, path.resolve(bundle)]);
  }
  if (!fs.existsSync(BUNDLE)) throw new Error('run `npm run build` first');
  const cloud = await startLocalCloud({ rateLimitPerMinute: 0 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provider-'));
  try {
    const installed = builds.map(([, bundle], index) =>
      installProvider({ dataDir: path.join(scratch, `p${index}`), bundlePath: bundle }),
    );
    // Each workspace has its own HOME; the provider's code cache (src/provider/code-cache.ts) lives in one
    // directory per build for the whole run, as ~/.cache does for a user's successive commands.
    const envOf = (index: number) => ({
      LIGHTYEAR_ENDPOINT: cloud.url,
      LIGHTYEAR_API_KEY: cloud.apiKey,
      XDG_CACHE_HOME: path.join(scratch, `cache${index}`),
    });
    // Interleaved (floor, ours, [other builds,] floor, ours, ...) so that a machine whose load changes
    // during the run weighs on all alike; the ratio column compares medians.
    const floor: Timing[][] = [];
    const ours: Timing[][][] = builds.map(() => []);
    const oneOfOurs: Timing[][] = [];
    const bareNode: number[] = [];
    for (let r = 0; r < repeats; r++) {
      floor.push(await runOnce(terraformDataConfig(count), {}));
      for (const [index, runs] of ours.entries()) {
        runs.push(await runOnce(lightyearConfig(count), envOf(index), installed[index]!.cliConfigPath));
      }
      oneOfOurs.push(await runOnce(oneOfOursConfig(count), envOf(0), installed[0]!.cliConfigPath));
      for (let i = 0; i < 3; i++) bareNode.push(bareNodeMs());
    }
    const bareNodeMedian = percentile(bareNode, 50);
    const median = (runs: Timing[][], i: number, of: (t: Timing) => number = (t) => t.ms) =>
      percentile(
        runs.map((run) => of(run[i]!)),
        50,
      );
    const rows: (string | number)[][] = [];
    STEPS.forEach((step, i) => {
      const floorMedian = median(floor, i);
      rows.push([`terraform_data ×${count}`, step, repeats, floorMedian.toFixed(0), '1.00', '']);
      builds.forEach(([label], index) => {
        const oursMedian = median(ours[index]!, i);
        rows.push([
          `${label} ×${count}`,
          step,
          repeats,
          oursMedian.toFixed(0),
          (oursMedian / floorMedian).toFixed(2),
          median(ours[index]!, i, (t) => t.providerCpuMs).toFixed(0),
        ]);
      });
      const oneMedian = median(oneOfOurs, i);
      rows.push([
        `lightyear_ssh_key ×1 + terraform_data ×${count - 1}`,
        step,
        repeats,
        oneMedian.toFixed(0),
        (oneMedian / floorMedian).toFixed(2),
        median(oneOfOurs, i, (t) => t.providerCpuMs).toFixed(0),
      ]);
      const processes = median(ours[0]!, i, (t) => t.processes);
      const nodeBound = floorMedian + processes * bareNodeMedian;
      rows.push([
        `any Node provider: terraform_data + ${processes} × bare \`node -e 0\``,
        step,
        repeats,
        nodeBound.toFixed(0),
        (nodeBound / floorMedian).toFixed(2),
        '',
      ]);
    });
    printTable(
      ['resources', 'command', 'runs', 'median ms', '× terraform_data', 'provider CPU ms (median)'],
      rows,
    );
    console.log(`\nbare \`node -e 0\`: ${bareNodeMedian.toFixed(0)} ms (median of ${bareNode.length})`);
    printLoadAverage();
  } finally {
    await cloud.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
