/**
 * Provider start-up: spawn → handshake line, as Terraform experiences it (paid 3–5 times per command).
 * Runs the built bundle with Terraform's environment, with AutoMTLS (a client certificate, as Terraform
 * sends) and without, and prints median and p90 over N runs.
 *
 *   npm run build && node --import tsx bench/provider-spawn.ts [runs]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateServerCertificate } from '../src/provider/protocol/certificate';
import { percentile, printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');
const COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

function handshakeOnce(extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BUNDLE], {
      env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: COOKIE, PLUGIN_PROTOCOL_VERSIONS: '5,6', ...extraEnv },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
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

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const clientCert = generateServerCertificate().certificatePem;
  const rows: (string | number)[][] = [];
  for (const [name, env] of [
    ['AutoMTLS (as Terraform runs it)', { PLUGIN_CLIENT_CERT: clientCert }],
    ['plaintext (TF_DISABLE_PLUGIN_TLS)', { TF_DISABLE_PLUGIN_TLS: '1' }],
  ] as const) {
    await handshakeOnce(env); // warm the file cache
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await handshakeOnce(env));
    rows.push([name, runs, percentile(samples, 50).toFixed(0), percentile(samples, 90).toFixed(0)]);
  }
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) =>
      spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).once('close', () => resolve()),
    );
    bare.push(performance.now() - started);
  }
  rows.push([
    "bare `node -e ''` (the floor)",
    runs,
    percentile(bare, 50).toFixed(0),
    percentile(bare, 90).toFixed(0),
  ]);
  printTable(['spawn → handshake', 'runs', 'median ms', 'p90 ms'], rows);
}

void main();
