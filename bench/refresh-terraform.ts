/**
 * A refresh plan of N SSH keys through the real terraform, against the local cloud serving the API's default
 * limit of 600 requests per minute: how many API calls it makes, whether any was refused (429) or held back,
 * and how long it takes beside a plan that does not refresh (`-refresh=false`: the same processes, the same
 * plan work, no reads). Issue 12: a refresh plan of 1,000 keys must not wait on the rate limiter at all.
 *
 *   npm run build && node --import tsx bench/refresh-terraform.ts [objects, default 1000] [repeats, default 3]
 *
 * The keys are created first by `terraform apply` with the limit off (the cloud keeps its data directory),
 * then the cloud is started again on the same data with the default limit, so every measured plan begins
 * in a fresh rate-limit window, as a pipeline's plan does after a quiet spell.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../src/cli/provider-package';
import { startLocalCloud, type RunningLocalCloud } from '../src/cloud';
import { createTerraformWorkspace, type TerraformWorkspace } from '../test/helpers/terraform';
import { lightyearConfig } from './provider-plan-config';
import { percentile, printLoadAverage, printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');
const DEFAULT_LIMIT = 600;

interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
}

async function requestLog(cloud: RunningLocalCloud, method: 'GET' | 'DELETE'): Promise<LoggedRequest[]> {
  const res = await fetch(`${cloud.origin}/_local/requests`, {
    method,
    headers: { authorization: `Bearer ${cloud.apiKey}` },
  });
  if (!res.ok) throw new Error(`${method} /_local/requests: HTTP ${res.status}`);
  return res.status === 204 ? [] : ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

async function terraform(ws: TerraformWorkspace, args: string[], env: Record<string, string>) {
  const run = await ws.terraform([...args, '-input=false', '-no-color'], { env, timeoutMs: 600_000 });
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stderr}`);
  return run;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const repeats = Number(process.argv[3] ?? 3);
  if (!fs.existsSync(BUNDLE)) throw new Error('run `npm run build` first');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-refresh-tf-'));
  const dataDir = path.join(scratch, 'cloud');
  const installed = installProvider({ dataDir: path.join(scratch, 'provider'), bundlePath: BUNDLE });
  const ws = createTerraformWorkspace();
  try {
    ws.writeFiles({ 'main.tf': lightyearConfig(count) });
    const envFor = (cloud: RunningLocalCloud) => ({
      LIGHTYEAR_ENDPOINT: cloud.url,
      LIGHTYEAR_API_KEY: cloud.apiKey,
      TF_CLI_CONFIG_FILE: installed.cliConfigPath,
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
    });

    const seeding = await startLocalCloud({ dataDir, rateLimitPerMinute: 0 });
    try {
      await terraform(ws, ['init'], envFor(seeding));
      await terraform(ws, ['apply', '-auto-approve', `-parallelism=20`], envFor(seeding));
    } finally {
      await seeding.close();
    }

    const rows: (string | number)[][] = [];
    const timings: Record<'refresh' | 'no refresh', number[]> = { refresh: [], 'no refresh': [] };
    for (let r = 0; r < repeats; r++) {
      for (const mode of ['no refresh', 'refresh'] as const) {
        // A fresh cloud process state: a fresh rate-limit window, as after a quiet spell.
        const cloud = await startLocalCloud({
          dataDir,
          rateLimitPerMinute: DEFAULT_LIMIT,
          requestLogSize: 10 * count + 100,
        });
        try {
          await requestLog(cloud, 'DELETE');
          const args = mode === 'refresh' ? ['plan'] : ['plan', '-refresh=false'];
          const run = await terraform(ws, args, envFor(cloud));
          if (!run.stdout.includes('No changes.')) throw new Error(`expected an empty plan:\n${run.stdout}`);
          const requests = await requestLog(cloud, 'GET');
          const refused = requests.filter((request) => request.status === 429).length;
          timings[mode].push(run.durationMs);
          rows.push([
            `${count} lightyear_ssh_key`,
            `plan${mode === 'refresh' ? '' : ' -refresh=false'}`,
            requests.length,
            (requests.length / count).toFixed(3),
            refused,
            run.durationMs.toFixed(0),
          ]);
        } finally {
          await cloud.close();
        }
      }
    }
    printTable(['state', 'command', 'API calls', 'calls per object', '429s', 'ms'], rows);
    const refresh = percentile(timings.refresh, 50);
    const bare = percentile(timings['no refresh'], 50);
    console.log(
      `\nmedian plan ${refresh.toFixed(0)} ms, without refresh ${bare.toFixed(0)} ms: the ${count} reads ` +
        `add ${(refresh - bare).toFixed(0)} ms under ${DEFAULT_LIMIT} requests/min`,
    );
    printLoadAverage();
  } finally {
    ws.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
