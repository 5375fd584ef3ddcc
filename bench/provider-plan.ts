/**
 * 200 resources through terraform: our lightyear_ssh_key against the built-in terraform_data (no provider
 * process at all: the floor). Plan (create), apply, and plan after apply (refresh: 200 reads) — the
 * figures a user of a real stack feels. The local cloud runs in this process, rate limit off, in memory.
 *
 *   npm run build && node --import tsx bench/provider-plan.ts [resources] [repeats]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../src/cli/provider-package';
import { startLocalCloud } from '../src/cloud';
import { createTerraformWorkspace, type TerraformWorkspace } from '../test/helpers/terraform';
import { lightyearConfig } from './provider-plan-config';
import { percentile, printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');

function terraformDataConfig(count: number): string {
  return `resource "terraform_data" "k" {
  count = ${count}
  input = "bench-\${count.index}"
}
`;
}

async function timed(ws: TerraformWorkspace, args: string[], env: Record<string, string>): Promise<number> {
  const run = await ws.terraform(args, { env });
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stderr}`);
  return run.durationMs;
}

type Step = 'plan (create)' | 'apply' | 'plan (refresh)';
const STEPS: readonly Step[] = ['plan (create)', 'apply', 'plan (refresh)'];

/** One fresh workspace through plan, apply, refresh plan and destroy; the durations of the first three. */
async function runOnce(config: string, env: Record<string, string>, cliConfig?: string): Promise<number[]> {
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
  if (!fs.existsSync(BUNDLE)) throw new Error('run `npm run build` first');
  const cloud = await startLocalCloud({ rateLimitPerMinute: 0 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provider-'));
  try {
    const installed = installProvider({ dataDir: scratch, bundlePath: BUNDLE });
    const env = { LIGHTYEAR_ENDPOINT: cloud.url, LIGHTYEAR_API_KEY: cloud.apiKey };
    // Interleaved (floor, ours, floor, ours, ...) so that a machine whose load changes during the run
    // weighs on both alike; the ratio column compares medians.
    const floor: number[][] = [];
    const ours: number[][] = [];
    for (let r = 0; r < repeats; r++) {
      floor.push(await runOnce(terraformDataConfig(count), {}));
      ours.push(await runOnce(lightyearConfig(count), env, installed.cliConfigPath));
    }
    const rows: (string | number)[][] = [];
    STEPS.forEach((step, i) => {
      const floorMedian = percentile(
        floor.map((run) => run[i]!),
        50,
      );
      const oursMedian = percentile(
        ours.map((run) => run[i]!),
        50,
      );
      rows.push([`terraform_data ×${count}`, step, repeats, floorMedian.toFixed(0), '1.00']);
      rows.push([
        `lightyear_ssh_key ×${count}`,
        step,
        repeats,
        oursMedian.toFixed(0),
        (oursMedian / floorMedian).toFixed(2),
      ]);
    });
    printTable(['resources', 'command', 'runs', 'median ms', '× terraform_data'], rows);
    console.log(
      `\nload average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cloud.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
