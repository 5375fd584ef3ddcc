/**
 * Provider start-up: spawn → handshake line, as Terraform experiences it (paid 3–5 times per command).
 * Installs each program with `lyctl provider install`'s own installer and spawns the launcher it writes,
 * with Terraform's environment and AutoMTLS (a client certificate, as Terraform sends). Runs are
 * interleaved with bare `node -e 0` (round-robin), so a machine whose load changes during the run affects
 * every row alike; the ratio column is each row's median over the floor's.
 *
 *   npm run build && node --import tsx bench/provider-spawn.ts [runs] [label=path/to/bundle.js ...]
 *
 * Extra `label=path` arguments add other builds of the provider (e.g. one built from an older commit),
 * each with its `lightyear-provider-client.js` beside it if it has one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installProvider, launcherFileName } from '../src/cli/provider-package';
import { generateServerCertificate } from '../src/provider/protocol/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/provider/protocol/handshake';
import { percentile, printLoadAverage, printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');
const VERSION = '0.0.0-bench';

interface Variant {
  readonly label: string;
  readonly run: () => Promise<number>;
}

function timeToHandshake(command: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', (chunk: Buffer) => {
      const elapsed = performance.now() - started;
      if (!chunk.toString().startsWith('1|6|'))
        reject(new Error(`unexpected handshake: ${chunk.toString()}`));
      child.kill('SIGTERM');
      child.once('close', () => resolve(elapsed));
    });
    child.once('error', reject);
  });
}

function timeToExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('close', () => resolve(performance.now() - started));
    child.once('error', reject);
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const programs: [string, string][] = [['this build, AutoMTLS', BUNDLE]];
  for (const arg of process.argv.slice(3)) {
    const [label, bundle] = arg.split('=');
    if (!label || !bundle) throw new Error(`expected label=path, got ${arg}`);
    programs.push([label, path.resolve(bundle)]);
  }
  if (!fs.existsSync(BUNDLE)) throw new Error('run `npm run build` first');

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spawn-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    TMPDIR: scratch,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    PLUGIN_CLIENT_CERT: generateServerCertificate().certificatePem,
  };
  try {
    const variants: Variant[] = [
      { label: 'bare `node -e 0` (the floor)', run: () => timeToExit(['-e', '0']) },
    ];
    programs.forEach(([label, bundle], index) => {
      const installed = installProvider({
        dataDir: path.join(scratch, `p${index}`),
        bundlePath: bundle,
        version: VERSION,
      });
      const launcher = path.join(installed.packageDir, launcherFileName(VERSION));
      variants.push({ label, run: () => timeToHandshake(launcher, env) });
    });

    for (const variant of variants) await variant.run(); // warm the file cache
    const samples = variants.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      for (const [index, variant] of variants.entries()) samples[index]!.push(await variant.run());
    }
    const floor = percentile(samples[0]!, 50);
    printTable(
      ['spawn → handshake (launcher)', 'runs', 'median ms', 'p90 ms', '× node -e 0'],
      variants.map((variant, index) => {
        const median = percentile(samples[index]!, 50);
        return [
          variant.label,
          runs,
          median.toFixed(0),
          percentile(samples[index]!, 90).toFixed(0),
          (median / floor).toFixed(2),
        ];
      }),
    );
    printLoadAverage();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
