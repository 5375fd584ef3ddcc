/**
 * `cdktf synth` of 1,000 servers written through the hand-written constructs (Server with an SshKey and a
 * Firewall construct, synth-time validation with the API's rules) against the same 1,000 servers written
 * with the raw cdktf-generated bindings (tf.Instance with literal attributes, no validation): what the
 * convenience layer costs at synth. Each variant runs in a fresh process (as `cdktf synth` runs an app), timed
 * from spawn to exit, interleaved; the synthesized JSON goes to a temporary directory.
 *
 *   node --import tsx bench/construct-synth.ts [servers=1000] [runs=5]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, printLoadAverage, printTable } from './stats';

const ROOT = path.resolve(__dirname, '..');

function app(kind: 'constructs' | 'bindings', servers: number): string {
  const common = `import { App, TerraformStack } from '${ROOT}/node_modules/cdktf';
import { Firewall, LightyearProvider, Peer, Port, Server, SshKey, tf } from '${ROOT}/constructs';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHqwc2JEQKce5G9CKx1TA5tyXdaBOyZbuANuoqrz3rDo bench';
const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'bench');
new LightyearProvider(stack, 'lightyear');
`;
  const body =
    kind === 'constructs'
      ? `const key = new SshKey(stack, 'key', { name: 'bench', publicKey: KEY });
const fw = new Firewall(stack, 'fw', { name: 'bench' }).allowInbound(Port.tcp(22), Peer.anyIp());
for (let i = 0; i < ${servers}; i++)
  new Server(stack, 's' + i, { label: 'server-' + i, region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', sshKeys: [key], firewall: fw, tags: ['bench'] });
`
      : `const key = new tf.SshKey(stack, 'key', { name: 'bench', publicKey: KEY });
const fw = new tf.Firewall(stack, 'fw', { name: 'bench', inboundRules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] }] });
for (let i = 0; i < ${servers}; i++)
  new tf.Instance(stack, 's' + i, { label: 'server-' + i, region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', sshKeyIds: [key.id], firewallId: fw.id, tags: ['bench'] });
`;
  return `${common}${body}app.synth();\n`;
}

function timeSynth(file: string, outDir: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, outDir], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${file} failed:\n${run.stderr}`);
  return ms;
}

function main(): void {
  const servers = Number(process.argv[2] ?? 1000);
  const runs = Number(process.argv[3] ?? 5);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const files = {
      constructs: path.join(scratch, 'constructs.ts'),
      bindings: path.join(scratch, 'bindings.ts'),
    };
    fs.writeFileSync(files.constructs, app('constructs', servers));
    fs.writeFileSync(files.bindings, app('bindings', servers));
    const times: Record<keyof typeof files, number[]> = { constructs: [], bindings: [] };
    // One warm-up each (tsx's transform cache), then interleaved runs.
    timeSynth(files.bindings, path.join(scratch, 'out'));
    timeSynth(files.constructs, path.join(scratch, 'out'));
    for (let r = 0; r < runs; r++) {
      times.bindings.push(timeSynth(files.bindings, path.join(scratch, 'out')));
      times.constructs.push(timeSynth(files.constructs, path.join(scratch, 'out')));
    }
    const floor = percentile(times.bindings, 50);
    printTable(
      ['app', 'servers', 'runs', 'median ms', 'p90 ms', '× raw bindings'],
      (['bindings', 'constructs'] as const).map((kind) => [
        kind === 'bindings' ? 'raw bindings (tf.Instance)' : 'hand-written constructs (Server)',
        servers,
        runs,
        percentile(times[kind], 50).toFixed(0),
        percentile(times[kind], 90).toFixed(0),
        (percentile(times[kind], 50) / floor).toFixed(2),
      ]),
    );
    printLoadAverage();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main();
