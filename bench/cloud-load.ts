/**
 * Load on the local cloud from a separate process: requests per second and p50/p95/p99 latency for
 * (a) a list of 100 SSH keys and (b) SSH key creates (unique keys generated up front), each over N
 * concurrent keep-alive connections. Loopback only; bounded by request counts. A benchmark, not a test.
 *
 *   npm run bench:cloud -- [--connections 16] [--lists 5000] [--creates 2000]
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

interface Options {
  readonly connections: number;
  readonly lists: number;
  readonly creates: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options = { connections: 16, lists: 5000, creates: 2000 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (name === undefined || !(name in options) || !Number.isInteger(value) || value < 1) {
      throw new Error(`usage: cloud-load.ts [--connections N] [--lists N] [--creates N] (got ${argv[i]})`);
    }
    options[name as keyof Options] = value;
  }
  return options;
}

/** `ssh-ed25519 <base64 blob>`: the blob is the type and the 32-byte key, each with a uint32 length. */
function ed25519Line(): string {
  const x = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x as string;
  const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(Buffer.from(x, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')}`;
}

interface Result {
  readonly name: string;
  readonly requests: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

/** Sends `count` requests over `connections` workers, one request in flight per worker. */
async function drive(
  pool: Pool,
  name: string,
  count: number,
  connections: number,
  request: (n: number) => { method: 'GET' | 'POST'; path: string; body?: string; expect: number },
  headers: Record<string, string>,
): Promise<Result> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const spec = request(n);
      const t0 = process.hrtime.bigint();
      const res = await pool.request({ method: spec.method, path: spec.path, headers, body: spec.body });
      await res.body.dump();
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.statusCode !== spec.expect)
        throw new Error(`${name}: ${spec.method} ${spec.path} → ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { name, requests: count, seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(result: Result): string {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const ms = (p: number) => percentile(sorted, p).toFixed(2);
  return (
    `| ${result.name} | ${result.requests} | ${(result.requests / result.seconds).toFixed(0)} | ` +
    `${ms(50)} | ${ms(95)} | ${ms(99)} |`
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'ly-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'cloud-server.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pool: Pool | undefined;
  try {
    const { url, apiKey } = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line)));
      server.once('exit', (code) => reject(new Error(`the cloud exited with ${String(code)}`)));
    });
    const base = new URL(url);
    pool = new Pool(base.origin, { connections: options.connections, pipelining: 1 });
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const keysPath = `${base.pathname}/ssh-keys`;

    const seedBodies = Array.from({ length: 100 }, (_, n) =>
      JSON.stringify({ name: `seed-${n}`, public_key: ed25519Line() }),
    );
    const createBodies = Array.from({ length: options.creates }, (_, n) =>
      JSON.stringify({ name: `bench-${n}`, public_key: ed25519Line() }),
    );
    await drive(
      pool,
      'seed',
      100,
      4,
      (n) => ({ method: 'POST', path: keysPath, body: seedBodies[n], expect: 201 }),
      headers,
    );

    // Warm-up (JIT, connections), not counted.
    await drive(
      pool,
      'warm-up',
      500,
      options.connections,
      () => ({ method: 'GET', path: `${keysPath}?per_page=100`, expect: 200 }),
      headers,
    );
    const list = await drive(
      pool,
      'list 100 SSH keys (`GET /v1/ssh-keys?per_page=100`)',
      options.lists,
      options.connections,
      () => ({ method: 'GET', path: `${keysPath}?per_page=100`, expect: 200 }),
      headers,
    );
    const create = await drive(
      pool,
      'create an SSH key (`POST /v1/ssh-keys`)',
      options.creates,
      options.connections,
      (n) => ({ method: 'POST', path: keysPath, body: createBodies[n], expect: 201 }),
      headers,
    );

    console.log(
      `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${options.connections} connections`,
    );
    console.log('| operation | requests | req/s | p50 ms | p95 ms | p99 ms |');
    console.log('|---|---|---|---|---|---|');
    console.log(report(list));
    console.log(report(create));
  } finally {
    await pool?.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
