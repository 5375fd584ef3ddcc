/**
 * API calls per refreshed object, and how long a refresh takes under the API's default 600 requests per
 * minute: N SSH keys read the way the provider reads them today (one GET each, ten at a time, as
 * Terraform's walk calls ReadResource) and through the refresh coalescer (src/provider/refresh/). Calls are
 * counted by the local cloud's own request log, over HTTP; each refresh uses a fresh client, as a fresh
 * provider process would.
 *
 *   node --import tsx bench/refresh-calls.ts [sizes, default 10,200,1000]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isNotFoundError, LightyearClient } from '../src/client';
import type { SshKey } from '../src/api';
import { startLocalCloud, type RunningLocalCloud } from '../src/cloud';
import { RefreshCoalescer } from '../src/provider/refresh/coalescer';
import { printTable } from './stats';

const PARALLELISM = 10; // Terraform's default -parallelism

function ed25519Line(comment: string): string {
  const jwk = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

async function control(cloud: RunningLocalCloud, method: string, query = ''): Promise<unknown> {
  const res = await fetch(`${cloud.origin}/_local/requests${query}`, {
    method,
    headers: { authorization: `Bearer ${cloud.apiKey}` },
  });
  return res.status === 204 ? undefined : res.json();
}

async function pool(ids: readonly string[], read: (id: string) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) await read(ids[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLELISM }, worker));
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '10,200,1000').split(',').map(Number);
  const largest = Math.max(...sizes);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-refresh-'));
  try {
    // Seed without a rate limit, then serve with the API's default one (600/min) for the measurements.
    const seeding = await startLocalCloud({ dataDir, rateLimitPerMinute: 0 });
    const seeder = new LightyearClient({
      apiKey: seeding.apiKey,
      endpoint: seeding.url,
      requestsPerMinute: 1e9,
    });
    const ids: string[] = [];
    for (let i = 0; i < largest; i++) {
      ids.push((await seeder.sshKeys.create({ name: `bench-${i}`, public_key: ed25519Line(`b${i}`) })).id);
    }
    await seeder.close();
    await seeding.close();

    const cloud = await startLocalCloud({ dataDir, requestLogSize: 10 * largest + 100 });
    const rows: (string | number)[][] = [];
    try {
      for (const size of sizes) {
        const state = ids.slice(0, size);
        for (const mode of ['one GET per object', 'coalesced'] as const) {
          await control(cloud, 'DELETE');
          const client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
          const get = (id: string, signal?: AbortSignal): Promise<SshKey | undefined> =>
            client.sshKeys.get(id, { signal }).catch((error: unknown) => {
              if (isNotFoundError(error)) return undefined;
              throw error;
            });
          const coalescer = new RefreshCoalescer<SshKey>({
            listPage: (cursor, perPage, signal) =>
              client.sshKeys.list({ cursor, per_page: perPage }, { signal }),
            get,
            idOf: (key) => key.id,
          });
          const signal = new AbortController().signal;
          const started = performance.now();
          await pool(state, (id) => (mode === 'coalesced' ? coalescer.read(id, signal) : get(id, signal)));
          const elapsed = performance.now() - started;
          await client.close();
          const { requests } = (await control(cloud, 'GET', '?path=/v1/ssh-keys*')) as {
            requests: { status: number | null }[];
          };
          const limited = requests.filter((request) => request.status === 429).length;
          rows.push([
            size,
            mode,
            requests.length,
            (requests.length / size).toFixed(2),
            limited,
            (elapsed / 1000).toFixed(2),
          ]);
        }
      }
    } finally {
      await cloud.close();
    }
    printTable(['objects', 'refresh', 'API calls', 'calls per object', '429s', 'seconds'], rows);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
