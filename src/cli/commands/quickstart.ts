import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cdktfEnvironment } from '../cdktf-environment';
import { defineCommand } from '../command';
import { resolveDataDir } from '../data-dir';
import { QuickstartError } from '../errors';
import { DEFAULT_PORT, startBackgroundCloud } from '../local-cloud';
import { packageInfo } from '../package-root';
import { installProvider } from '../provider-package';
import { defaultPort } from '../default-port';
import { envHint } from '../hints';
import { parsePort } from '../args';
import { reportInstall } from './provider';

const STACK = 'quickstart';

/**
 * The quickstart in one command: the local cloud (started in the background, or the one already running),
 * the provider installed into the data directory's mirror, and the example CDKTF app deployed with
 * `cdktf deploy`. Run it again and cdktf reports no changes.
 */
export const quickstartCommand = defineCommand({
  name: 'quickstart',
  summary:
    'Start the local cloud, install the provider and deploy the example CDKTF stack (--destroy: take it down)',
  description: [
    'Starts the local LightYear Cloud in the background (or uses the one already running for the data',
    'directory), installs the Terraform provider, and runs `cdktf deploy` on examples/quickstart: an SSH key, a',
    'firewall, two servers behind it, a volume attached to the first and a DNS zone with records for both; the',
    "servers' addresses are printed as outputs. The key pair is generated on the first run",
    '(<data>/quickstart/id_ed25519) unless LIGHTYEAR_QUICKSTART_PUBLIC_KEY names a .pub file. State and the',
    'synthesized stack are kept in <data>/quickstart/. Running it again changes nothing.',
    'With --destroy it runs `cdktf destroy` instead, leaving the local cloud empty of what it made.',
  ].join('\n'),
  options: {
    data: {
      type: 'string',
      valueName: 'DIR',
      description:
        'data directory (default $LIGHTYEAR_HOME, else the nearest .lightyear upwards, else ./.lightyear)',
    },
    port: {
      type: 'string',
      valueName: 'N',
      description: `port of the local cloud (default $LIGHTYEAR_PORT, else ${DEFAULT_PORT})`,
    },
    destroy: {
      type: 'boolean',
      description: 'destroy what the quickstart deployed (`npm run quickstart:destroy`)',
    },
  },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const port = options.port === undefined ? undefined : parsePort(options.port);
    const { root } = packageInfo();

    const hintDataDir = options.data === undefined ? undefined : dataDir;
    const cloud = await startBackgroundCloud({
      dataDir,
      port,
      defaultPort: defaultPort(ctx.env),
      hintDataDir,
      note: ctx.err,
    });
    ctx.err(
      cloud.alreadyRunning
        ? `Using the local cloud already running at ${cloud.info.url}`
        : `Started the local cloud at ${cloud.info.url} (log: ${cloud.logPath})`,
    );

    const installed = installProvider({ dataDir, note: ctx.err });
    reportInstall(ctx, installed, 'err');
    // Everything the quickstart writes lives in the data directory: synthesized stacks, state, key pair.
    const outDir = path.join(dataDir, STACK, 'cdktf.out');
    const stackDir = path.join(outDir, 'stacks', STACK);
    if (installed.replacedPrevious) {
      // The stack's lock file holds the old build's hash; init would refuse the new one.
      fs.rmSync(path.join(stackDir, '.terraform.lock.hcl'), { force: true });
    }

    const outputsFile = path.join(dataDir, STACK, 'outputs.json');
    fs.mkdirSync(path.dirname(outputsFile), { recursive: true });
    const env = {
      ...cdktfEnvironment(ctx.env, { terminal: process.stdout.isTTY === true }),
      LIGHTYEAR_ENDPOINT: cloud.info.url,
      LIGHTYEAR_API_KEY: cloud.apiKey,
      LIGHTYEAR_HOME: dataDir,
      TF_CLI_CONFIG_FILE: installed.cliConfigPath,
      CHECKPOINT_DISABLE: '1',
    };
    if (options.destroy === true) {
      const code = await runCdktf(
        root,
        ['destroy', STACK, '--auto-approve', '--skip-provider-lock', '--output', outDir],
        env,
      );
      if (code !== 0)
        throw new QuickstartError(`cdktf destroy exited with code ${code}; its output is above`);
      fs.rmSync(outputsFile, { force: true });
      ctx.err(`The quickstart stack is destroyed; the local cloud at ${cloud.info.url} is still running.`);
      return 0;
    }
    const code = await runCdktf(
      root,
      // --skip-provider-lock: cdktf's extra `terraform providers lock` asks the public registry, which a
      // provider from a local mirror is not in; `terraform init` still locks it from the mirror.
      [
        'deploy',
        STACK,
        '--auto-approve',
        '--skip-provider-lock',
        '--output',
        outDir,
        '--outputs-file',
        outputsFile,
        '--outputs-file-include-sensitive-outputs=false',
      ],
      env,
    );
    if (code !== 0) throw new QuickstartError(`cdktf deploy exited with code ${code}; its output is above`);

    const outputs = readOutputs(outputsFile);
    if (outputs) {
      const width = Math.max(...Object.keys(outputs).map((name) => name.length));
      for (const [name, value] of Object.entries(outputs))
        ctx.out(
          `${`${name}:`.padEnd(width + 2)}${typeof value === 'string' ? value : JSON.stringify(value)}`,
        );
    }
    ctx.err(`Next: ${envHint(hintDataDir)} and use terraform or cdktf against ${cloud.info.url}`);
    return 0;
  },
});

function runCdktf(root: string, args: string[], env: Record<string, string | undefined>): Promise<number> {
  const bin = path.join(root, 'node_modules', '.bin', 'cdktf');
  if (!fs.existsSync(bin))
    throw new QuickstartError(`cdktf is not installed in ${root}; run npm install there`);
  return new Promise((resolve, reject) => {
    // Its output is the deploy itself: pass it straight through to the person watching.
    const child = spawn(bin, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function readOutputs(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  return parsed[STACK];
}
