/**
 * Where the provider's CPU goes during a 200-resource plan, apply and refresh plan: every provider process
 * Terraform starts runs the V8 profiler (bench/cpu-profile-preload.js through NODE_OPTIONS, which the
 * launcher's `exec node` passes on — Node 20 refuses `--cpu-prof` there; TF_LOG off), and this sums the profiles by stage of a call — request decoding, the value codec,
 * the plan engine, the handlers, the gRPC/HTTP/2 transport, module loading — and lists the top functions by
 * self time. CPU time, not wall time: the figures hold up on a loaded machine better than durations do.
 *
 *   npm run build && node --import tsx bench/provider-profile.ts [resources] [--keep DIR] [--bundle path/to/bundle.js]
 *
 * `--bundle` profiles another build (e.g. one of an older commit, its client file beside it). The provider's
 * code cache lives in a directory of the run, warmed by one unprofiled plan first, as a user's ~/.cache is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../src/cli/provider-package';
import { startLocalCloud } from '../src/cloud';
import { createTerraformWorkspace } from '../test/helpers/terraform';
import { lightyearConfig } from './provider-plan-config';
import { printTable } from './stats';

const BUNDLE = path.resolve(__dirname, '..', 'dist', 'terraform-provider-lightyear.js');
const PRELOAD = path.resolve(__dirname, 'cpu-profile-preload.js');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * Stages, matched innermost-first against the stack of a sample (the first frame, walking from the leaf
 * to the root, whose function is named here decides). Names are those of the bundle (esbuild keeps them).
 */
const STAGES: readonly [string, RegExp][] = [
  ['value codec (msgpack/JSON ↔ values)', /^(decodeMsgpackValue|encodeMsgpackValue|decodeJsonValue)$/],
  ['plan engine (planChange)', /^planChange$/],
  ['validation (validateConfig)', /^validateConfig$/],
  ['equivalence (keepEquivalent)', /^keepEquivalent$/],
  ['API client (loading it, requests, responses)', /^(clientModule|apiCall|request|dispatch)$/],
  ['tfplugin6 message decode/encode', /^(decode|encode)$/],
  [
    'async hooks (AsyncLocalStorage of API-call origins)',
    /^(promiseInitHook|promiseBeforeHook|promiseAfterHook|emitInitNative|emitInitScript|emitBeforeScript|emitAfterScript|emitDestroyScript)$/,
  ],
  ['provider glue (runUnary, handlers)', /^(runUnary|handle)$/],
];

function summarise(profile: CpuProfile): { stages: Map<string, number>; self: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = stageOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let stage: string | undefined;
    for (const [label, re] of STAGES) if (re.test(name)) stage = label;
    if (stage === undefined) {
      const up = parent.get(id);
      if (up === undefined) stage = 'other';
      else {
        stage = classify(up);
      }
      if (stage === 'other') {
        // Not below one of our stages: name it by where it runs.
        if (name === '(garbage collector)') stage = 'garbage collection';
        else if (name === '(idle)' || name === '(program)') stage = `${name}`;
        else if (
          /node:internal\/(http2|tls|net|stream|_tls|crypto)|node:http2|node:tls/.test(node.callFrame.url)
        )
          stage = 'transport (http2/tls/net)';
        else if (/node:internal\/modules|compileFunction|wrapSafe/.test(node.callFrame.url + name))
          stage = 'module loading/compiling';
      }
    }
    stageOf.set(id, stage);
    return stage;
  };
  const stages = new Map<string, number>();
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const stage = classify(id);
    stages.set(stage, (stages.get(stage) ?? 0) + us);
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return { stages, self };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const keepIndex = process.argv.indexOf('--keep');
  const profileRoot =
    keepIndex > 0
      ? path.resolve(process.argv[keepIndex + 1]!)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
  const bundleIndex = process.argv.indexOf('--bundle');
  const bundle = bundleIndex > 0 ? path.resolve(process.argv[bundleIndex + 1]!) : BUNDLE;
  if (!fs.existsSync(bundle)) throw new Error('run `npm run build` first');
  const cloud = await startLocalCloud({ rateLimitPerMinute: 0 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const ws = createTerraformWorkspace();
  try {
    const installed = installProvider({ dataDir: scratch, bundlePath: bundle });
    const env = {
      LIGHTYEAR_ENDPOINT: cloud.url,
      LIGHTYEAR_API_KEY: cloud.apiKey,
      TF_CLI_CONFIG_FILE: installed.cliConfigPath,
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
    };
    ws.writeFiles({ 'main.tf': lightyearConfig(count) });
    const run = async (label: string, args: string[]): Promise<void> => {
      const dir = path.join(profileRoot, label);
      fs.mkdirSync(dir, { recursive: true });
      const result = await ws.terraform(args, {
        env: { ...env, NODE_OPTIONS: `--require ${PRELOAD}`, LIGHTYEAR_CPU_PROFILE_DIR: dir },
      });
      if (result.code !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${result.stderr}`);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
      const stages = new Map<string, number>();
      const self = new Map<string, number>();
      let wallUs = 0;
      for (const file of files) {
        const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
        wallUs += profile.endTime - profile.startTime;
        const s = summarise(profile);
        for (const [k, v] of s.stages) stages.set(k, (stages.get(k) ?? 0) + v);
        for (const [k, v] of s.self) self.set(k, (self.get(k) ?? 0) + v);
      }
      const busy = [...stages].filter(([k]) => k !== '(idle)').reduce((a, [, v]) => a + v, 0);
      console.log(
        `\n## ${label}: terraform ${Math.round(result.durationMs)} ms, ${files.length} provider processes, ` +
          `${(wallUs / 1000).toFixed(0)} ms of process lifetime, ${(busy / 1000).toFixed(0)} ms busy (sampled)`,
      );
      printTable(
        ['stage', 'ms', 'µs per resource'],
        [...stages]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, (v / 1000).toFixed(1), (v / count).toFixed(0)]),
      );
      printTable(
        ['top self time', 'ms'],
        [...self]
          .filter(([k]) => !k.startsWith('(idle)'))
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => [k, (v / 1000).toFixed(1)]),
      );
    };
    const init = await ws.terraform(['init', '-input=false', '-no-color'], { env });
    if (init.code !== 0) throw new Error(init.stderr);
    const warm = await ws.terraform(['plan', '-input=false', '-no-color'], { env });
    if (warm.code !== 0) throw new Error(warm.stderr);
    await run('plan-create', ['plan', '-input=false', '-no-color']);
    await run('apply', ['apply', '-auto-approve', '-input=false', '-no-color']);
    await run('plan-refresh', ['plan', '-input=false', '-no-color']);
    console.log(
      `\nprofiles in ${profileRoot}; load average ${os
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
