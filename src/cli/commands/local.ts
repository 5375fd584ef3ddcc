import path from 'node:path';
import { BOOTSTRAP_KEY_FILE_NAME } from '../../cloud';
import { parsePort } from '../args';
import { cloudFlagArgs, cloudFlagOptions, parseCloudFlags } from '../cloud-flags';
import { defineCommand, type CommandContext, type CommandGroup } from '../command';
import { resolveDataDir } from '../data-dir';
import { ApiKeyMissingError, CliError, CloudNotRunningError } from '../errors';
import { defaultPort } from '../default-port';
import { envHint, lyctlHint } from '../hints';
import { readBootstrapKey, readLocalCloudInfo, type LocalCloudInfo } from '../local-cloud-info';
import { DEFAULT_PORT, serveLocalCloud, startBackgroundCloud, stopBackgroundCloud } from '../local-cloud';
import { installProvider } from '../provider-package';
import { exportLine, shellQuote } from '../shell-quote';
import { reportInstall } from './provider';

const dataOption = {
  type: 'string',
  valueName: 'DIR',
  description:
    'data directory (default $LIGHTYEAR_HOME, else the nearest .lightyear upwards, else ./.lightyear)',
} as const;
const portOption = {
  type: 'string',
  valueName: 'N',
  description: `port to listen on (default $LIGHTYEAR_PORT, else ${DEFAULT_PORT}; 0 = any free port)`,
} as const;

const ENV_HINT = envHint();

/** The data directory to name in hints: only when the user named one, since lyctl finds it otherwise. */
function hintData(dataFlag: string | undefined, dataDir: string): string | undefined {
  return dataFlag === undefined ? undefined : dataDir;
}

function summarize(info: LocalCloudInfo): string {
  return `pid ${info.pid}, endpoint ${info.url}, data ${info.dataDir}`;
}

const start = defineCommand({
  name: 'start',
  summary: 'Start the local LightYear Cloud in the background',
  description: [
    'Runs `lyctl local serve` as a background process (its output goes to <data>/cloud.log), waits until it',
    'answers, and prints its endpoint and API key. The data directory keeps the cloud’s state across',
    'restarts. If a cloud already serves the data directory, prints that one instead (asking for another',
    '--port is then an error). A start that fails removes the data directory it created.',
    '',
    `Then \`${ENV_HINT}\` points Terraform and lyctl at it.`,
    '',
    'With --tls it serves HTTPS with a self-signed certificate kept in <data>/tls-cert.pem; `local env`',
    'then exports LIGHTYEAR_CA_CERT so clients trust it. The flags apply to a cloud this command starts,',
    'not to one already running (stop it first).',
  ].join('\n'),
  options: { port: portOption, data: dataOption, ...cloudFlagOptions },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const port = options.port === undefined ? undefined : parsePort(options.port);
    parseCloudFlags(options); // refuse bad values here, not in the background process's log
    const cloud = await startBackgroundCloud({
      dataDir,
      port,
      defaultPort: defaultPort(ctx.env),
      serveArgs: cloudFlagArgs(options),
      hintDataDir: hintData(options.data, dataDir),
      note: ctx.err,
    });
    ctx.out(
      cloud.alreadyRunning
        ? `The local cloud is already running (${summarize(cloud.info)}).`
        : `Started the local cloud (${summarize(cloud.info)}); log: ${cloud.logPath}`,
    );
    ctx.out(`Endpoint: ${cloud.info.url}`);
    ctx.out(`API key:  ${cloud.apiKey}`);
    if (cloud.info.tlsCertPath !== undefined) ctx.out(`CA cert:  ${cloud.info.tlsCertPath}`);
    ctx.out(`To use it from this shell: ${envHint(hintData(options.data, dataDir))}`);
    return 0;
  },
});

const serve = defineCommand({
  name: 'serve',
  summary: 'Run the local LightYear Cloud in the foreground until interrupted',
  description:
    'Ctrl-C (SIGINT) or SIGTERM shuts it down cleanly. `lyctl local start` runs this in the background.',
  options: { port: portOption, data: dataOption, ...cloudFlagOptions },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const port = options.port === undefined ? defaultPort(ctx.env) : parsePort(options.port);
    const cloud = await serveLocalCloud({ dataDir, port, log: ctx.err, cloud: parseCloudFlags(options) });
    ctx.out(`LightYear local cloud listening on ${cloud.info.url} (pid ${cloud.info.pid}, data ${dataDir})`);
    ctx.out(
      `Its API key is in ${path.join(dataDir, BOOTSTRAP_KEY_FILE_NAME)}; \`${lyctlHint('local env', hintData(options.data, dataDir))}\` prints the exports.`,
    );
    if (cloud.info.tlsCertPath !== undefined) {
      ctx.out(`Clients must trust its certificate: ${cloud.info.tlsCertPath}`);
    }
    const signal = await untilSignal();
    ctx.out(`Received ${signal}; shutting down.`);
    await cloud.close();
    return 0;
  },
});

/** Resolves on the first SIGINT or SIGTERM; a second one while closing exits at once. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const stop = defineCommand({
  name: 'stop',
  summary: 'Stop the background local cloud',
  options: { data: dataOption },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const result = await stopBackgroundCloud({ dataDir });
    if (!result.stopped) {
      ctx.out(`No local cloud is running for ${dataDir}.`);
    } else {
      const pid = String(result.pid);
      ctx.out(
        result.killed
          ? `Killed the local cloud (pid ${pid}); it ignored SIGTERM.`
          : `Stopped the local cloud (pid ${pid}).`,
      );
    }
    return 0;
  },
});

/** LSB convention for a status query: 3 = not running, so scripts can test it. */
const EXIT_NOT_RUNNING = 3;

const status = defineCommand({
  name: 'status',
  summary: 'Say whether the local cloud runs (exit code 3 if not)',
  options: { data: dataOption },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    const info = readLocalCloudInfo(dataDir);
    if (info === undefined) {
      ctx.out(`not running (data ${dataDir})`);
      return EXIT_NOT_RUNNING;
    }
    ctx.out(`running since ${info.startedAt} (${summarize(info)})`);
    return 0;
  },
});

const env = defineCommand({
  name: 'env',
  summary: 'Print shell exports that point Terraform at the local cloud',
  description: [
    `Use as \`${ENV_HINT}\`. Sets LIGHTYEAR_ENDPOINT and LIGHTYEAR_API_KEY (read by the provider and`,
    'lyctl), TF_CLI_CONFIG_FILE (takes the provider from the local mirror; installs it first if needed) and',
    'CHECKPOINT_DISABLE=1 (no calls home), and LIGHTYEAR_CA_CERT (the certificate to trust) when the',
    'cloud serves --tls. Then plain `terraform init && terraform apply` work.',
  ].join('\n'),
  options: { data: dataOption },
  async run(ctx, options) {
    const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
    try {
      return printEnv(ctx, dataDir, hintData(options.data, dataDir));
    } catch (error) {
      // Captured by `$(...)`, a message on stderr scrolls past and the eval exports nothing: terraform then
      // fails later, asking the public registry. Hand the shell a failure it acts on instead.
      if (ctx.stdoutIsTerminal === true || !(error instanceof CliError)) throw error;
      ctx.out(`echo ${shellQuote(`lyctl: ${error.message}`)} >&2; false`);
      return error.exitCode;
    }
  },
});

function printEnv(ctx: CommandContext, dataDir: string, hintDataDir: string | undefined): number {
  const info = readLocalCloudInfo(dataDir);
  if (info === undefined) throw new CloudNotRunningError(dataDir, hintDataDir);
  const apiKey = readBootstrapKey(dataDir);
  if (apiKey === undefined) throw new ApiKeyMissingError(dataDir);
  const installed = installProvider({ dataDir, note: ctx.err });
  // stdout is for eval: anything said about the installation goes to stderr.
  if (installed.changed) reportInstall(ctx, installed, 'err');
  printExports(ctx, {
    LIGHTYEAR_ENDPOINT: info.url,
    LIGHTYEAR_API_KEY: apiKey,
    TF_CLI_CONFIG_FILE: installed.cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    ...(info.tlsCertPath === undefined ? {} : { LIGHTYEAR_CA_CERT: info.tlsCertPath }),
  });
  return 0;
}

function printExports(ctx: CommandContext, variables: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(variables)) ctx.out(exportLine(name, value));
}

export const localCommands: CommandGroup = {
  name: 'local',
  summary: 'Run the local LightYear Cloud',
  commands: [start, serve, stop, status, env],
};
