/**
 * Running the real `terraform` in tests, isolated from the machine: a temp root with its own working
 * directory, HOME, TMPDIR, filesystem mirror and CLI config (the machine's TF_CLI_CONFIG_FILE points at a
 * missing file and would warn on every command), checkpoint calls off, and every other TF_* variable of
 * the caller's environment dropped.
 *
 *   const ws = createTerraformWorkspace({
 *     providers: [{ source: 'test/fixture', version: '0.0.1', script: bundlePath }],
 *   });
 *   afterAll(() => ws.dispose());
 *   ws.writeFiles({ 'main.tf': 'terraform { required_providers { ... } }' });
 *   const init = await ws.terraform(['init', '-no-color']);
 *   expect(init.code).toBe(0);
 *   const plan = await ws.terraform(['plan', '-no-color'], { log: 'debug' }); // plan.log: TF_LOG lines
 *
 * Providers are installed as unpacked mirror packages whose executable is a shell launcher
 * (`exec node <script>`), which Terraform accepts (terraform-plugin-notes). Mind the lock file: `init` hashes
 * the package directory, so do not change a package's files after the first `init` of a workspace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { shellQuote } from '../../src/cli/shell-quote';
import { terraformCliConfig } from '../../src/cli/terraform-cli-config';

export interface MirroredProvider {
  /** `<namespace>/<type>` on registry.terraform.io, e.g. `test/fixture`. */
  readonly source: string;
  /** Semantic version without the `v`, e.g. `0.0.1`. */
  readonly version: string;
  /** Absolute path of the JavaScript file the launcher runs with this Node (`process.execPath`). */
  readonly script: string;
}

export interface TerraformWorkspaceOptions {
  readonly providers?: readonly MirroredProvider[];
  /** Parent of the temp root. @default os.tmpdir() */
  readonly parentDir?: string;
}

export interface TerraformRunOptions {
  /** Added to the workspace environment (and overriding it) for this run only. */
  readonly env?: Readonly<Record<string, string>>;
  /** Sets TF_LOG to this level and captures the log (TF_LOG_PATH) into `result.log`. */
  readonly log?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Kills terraform (SIGKILL) after this long; the result then has `timedOut: true`. @default 120000 */
  readonly timeoutMs?: number;
  /**
   * Runs terraform as the leader of its own process group and hands over the child, so a test can do what
   * Ctrl-C does in a terminal: `process.kill(-child.pid, 'SIGINT')` reaches terraform and its providers.
   */
  readonly onStart?: (child: ChildProcess) => void;
}

export interface TerraformResult {
  /** Exit code; -1 when killed by a signal. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The TF_LOG output when `log` was requested, else ''. */
  readonly log: string;
  /** Wall-clock time from spawn to exit. */
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface TerraformWorkspace {
  /** The temp root holding everything below; removed by `dispose()`. */
  readonly root: string;
  /** Terraform's working directory: write the configuration here. */
  readonly workDir: string;
  readonly homeDir: string;
  /** TMPDIR of every run: providers create their socket directories here. */
  readonly tmpDir: string;
  readonly mirrorDir: string;
  readonly cliConfigPath: string;
  /** The environment every run gets (before per-run additions). */
  readonly env: Readonly<NodeJS.ProcessEnv>;
  /** Writes files relative to `workDir` (creating directories). */
  writeFiles(files: Readonly<Record<string, string>>): void;
  terraform(args: readonly string[], options?: TerraformRunOptions): Promise<TerraformResult>;
  /** Removes the temp root. */
  dispose(): void;
}

const REGISTRY_HOST = 'registry.terraform.io';
const PLATFORM = 'linux_amd64';

/** `terraform-provider-<type>_v<version>` under `<mirror>/<host>/<namespace>/<type>/<version>/<platform>/`. */
export function installMirroredProvider(mirrorDir: string, provider: MirroredProvider): string {
  const [namespace, type, ...rest] = provider.source.split('/');
  if (namespace === undefined || type === undefined || rest.length > 0) {
    throw new TypeError(`provider source must be <namespace>/<type>, got ${provider.source}`);
  }
  const packageDir = path.join(mirrorDir, REGISTRY_HOST, namespace, type, provider.version, PLATFORM);
  fs.mkdirSync(packageDir, { recursive: true });
  const executable = path.join(packageDir, `terraform-provider-${type}_v${provider.version}`);
  // `exec` so that no shell survives when Terraform kills the provider.
  fs.writeFileSync(
    executable,
    `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(provider.script)} "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return executable;
}

/** A CLI config that takes the given sources from the mirror only and never asks a registry for them. */
export function mirrorCliConfig(mirrorDir: string, sources: readonly string[]): string {
  return terraformCliConfig(
    mirrorDir,
    sources.map((source) => `${REGISTRY_HOST}/${source}`),
  );
}

export function createTerraformWorkspace(options: TerraformWorkspaceOptions = {}): TerraformWorkspace {
  const root = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), 'tf-workspace-'));
  const dir = (name: string): string => {
    const full = path.join(root, name);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };
  const workDir = dir('work');
  const homeDir = dir('home');
  const tmpDir = dir('tmp');
  const mirrorDir = dir('mirror');
  const providers = options.providers ?? [];
  for (const provider of providers) installMirroredProvider(mirrorDir, provider);
  const cliConfigPath = path.join(root, 'terraform.rc');
  fs.writeFileSync(
    cliConfigPath,
    mirrorCliConfig(
      mirrorDir,
      providers.map((provider) => provider.source),
    ),
  );

  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('TF_') && name !== 'CHECKPOINT_DISABLE') env[name] = value;
  }
  Object.assign(env, {
    TF_CLI_CONFIG_FILE: cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    HOME: homeDir,
    TMPDIR: tmpDir,
  });

  let runs = 0;
  return {
    root,
    workDir,
    homeDir,
    tmpDir,
    mirrorDir,
    cliConfigPath,
    env,
    writeFiles(files) {
      for (const [name, content] of Object.entries(files)) {
        const target = path.join(workDir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    },
    terraform(args, runOptions = {}) {
      const logPath = runOptions.log ? path.join(root, `terraform-${++runs}.log`) : undefined;
      const runEnv: NodeJS.ProcessEnv = { ...env, ...runOptions.env };
      if (runOptions.log && logPath) Object.assign(runEnv, { TF_LOG: runOptions.log, TF_LOG_PATH: logPath });
      return runTerraform(
        args,
        workDir,
        runEnv,
        runOptions.timeoutMs ?? 120_000,
        logPath,
        runOptions.onStart,
      );
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function runTerraform(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  logPath: string | undefined,
  onStart?: (child: ChildProcess) => void,
): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // stdin is /dev/null, as in CI: providers must not mistake it for Terraform going away.
    const child = spawn('terraform', [...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: onStart !== undefined,
    });
    onStart?.(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        log: logPath && fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : '',
        durationMs: performance.now() - started,
        timedOut,
      });
    });
  });
}
