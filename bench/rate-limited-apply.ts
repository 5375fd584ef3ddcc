/**
 * A 300-resource apply under a low rate limit, the local cloud started as `lyctl local start --rate-limit 120`
 * starts it (the same option, in this process): how long the apply takes against the floor — the requests it
 * needed divided by the allowed rate — and how many requests the cloud refused (429) on the way. Requests
 * are counted by the cloud's own request log, over HTTP. Then a plan (refresh) and a destroy, counted alike.
 *
 *   npm run build && node --import tsx bench/rate-limited-apply.ts [resources=300] [rate=120]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../src/cli/provider-package';
import { startLocalCloud, type RunningLocalCloud } from '../src/cloud';
import { createTerraformWorkspace, type TerraformWorkspace } from '../test/helpers/terraform';
import { printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');

function ed25519Line(comment: string): string {
  const jwk = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.from(jwk.x!, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

/** A third each of SSH keys, firewalls and DNS records (one domain): kinds whose create is one request. */
function configuration(count: number, rate: number): string {
  const third = Math.floor(count / 3);
  const keys = Array.from({ length: count - 2 * third }, (_, i) => ed25519Line(`bench-${i}`));
  return `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}
provider "lightyear" {
  requests_per_minute = ${rate}
}
locals {
  keys = ${JSON.stringify(keys)}
}
resource "lightyear_ssh_key" "k" {
  count      = ${keys.length}
  name       = "bench-\${count.index}"
  public_key = local.keys[count.index]
}
resource "lightyear_firewall" "f" {
  count = ${third}
  name  = "bench-\${count.index}"
  inbound_rules = [
    { protocol = "tcp", ports = "22", sources = ["0.0.0.0/0", "::/0"] },
  ]
}
resource "lightyear_dns_domain" "zone" {
  domain = "bench.example"
}
resource "lightyear_dns_record" "r" {
  count  = ${third - 1}
  domain = lightyear_dns_domain.zone.domain
  type   = "A"
  name   = "host\${count.index}"
  data   = "203.0.113.\${count.index % 250 + 1}"
}
`;
}

interface Counted {
  readonly ms: number;
  readonly requests: number;
  readonly refused: number;
}

async function requestLog(cloud: RunningLocalCloud, method: 'GET' | 'DELETE'): Promise<number[]> {
  const res = await fetch(`${cloud.origin}/_local/requests`, {
    method,
    headers: { authorization: `Bearer ${cloud.apiKey}` },
  });
  if (method === 'DELETE') return [];
  const body = (await res.json()) as { requests: { status: number | null }[] };
  return body.requests.map((r) => r.status ?? 0);
}

async function counted(
  ws: TerraformWorkspace,
  cloud: RunningLocalCloud,
  args: string[],
  env: Record<string, string>,
): Promise<Counted> {
  await requestLog(cloud, 'DELETE');
  // Minutes by design: 300 resources at 120 requests a minute.
  const run = await ws.terraform(args, { env, timeoutMs: 30 * 60_000 });
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  const statuses = await requestLog(cloud, 'GET');
  return { ms: run.durationMs, requests: statuses.length, refused: statuses.filter((s) => s === 429).length };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const rate = Number(process.argv[3] ?? 120);
  if (!fs.existsSync(BUNDLE)) throw new Error('run `npm run build` first');
  // The request log must hold every request of the largest step.
  const cloud = await startLocalCloud({ rateLimitPerMinute: rate, requestLogSize: 10_000 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rate-'));
  const ws = createTerraformWorkspace();
  try {
    const installed = installProvider({ dataDir: scratch, bundlePath: BUNDLE });
    const env = {
      LIGHTYEAR_ENDPOINT: cloud.url,
      LIGHTYEAR_API_KEY: cloud.apiKey,
      TF_CLI_CONFIG_FILE: installed.cliConfigPath,
    };
    ws.writeFiles({ 'main.tf': configuration(count, rate) });
    const init = await ws.terraform(['init', '-input=false', '-no-color'], { env });
    if (init.code !== 0) throw new Error(init.stderr);
    const steps: [string, Counted][] = [
      ['apply', await counted(ws, cloud, ['apply', '-auto-approve', '-input=false', '-no-color'], env)],
      ['plan (refresh)', await counted(ws, cloud, ['plan', '-input=false', '-no-color'], env)],
      ['destroy', await counted(ws, cloud, ['destroy', '-auto-approve', '-input=false', '-no-color'], env)],
    ];
    printTable(
      ['command', 'resources', 'requests', 'refused (429)', 'floor s (requests ÷ rate)', 'took s', '× floor'],
      steps.map(([step, c]) => {
        const floorS = (c.requests / rate) * 60;
        return [
          step,
          count,
          c.requests,
          c.refused,
          floorS.toFixed(0),
          (c.ms / 1000).toFixed(0),
          (c.ms / 1000 / floorS).toFixed(2),
        ];
      }),
    );
    console.log(
      `\n--rate-limit ${rate}; load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    ws.dispose();
    await cloud.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
