/**
 * A user's project outside the clone, for tests of the package as npm installs it: an environment with its
 * own HOME and TMPDIR but the machine's npm cache (a warm cache keeps `npm install` to what it must do), a free
 * port for the local cloud, and better-sqlite3's native addon offered as a local prebuild (made from the
 * clone's own compiled copy), which is what prebuild-install downloads for users; without it, every install
 * here compiles SQLite for minutes.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isLocalCloudProcess } from '../../../src/cli/local-cloud-info';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface ProjectEnvironment {
  readonly root: string;
  /** The user's project: a package.json and nothing else yet. */
  readonly projectDir: string;
  readonly homeDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  dispose(): void;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function createProjectEnvironment(prefix: string): Promise<ProjectEnvironment> {
  // Outside the clone, so nothing resolves through the clone's node_modules or .lightyear.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const projectDir = path.join(root, 'project');
  const homeDir = path.join(root, 'home');
  const tmpDir = path.join(root, 'tmp');
  for (const dir of [projectDir, homeDir, tmpDir]) fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(projectDir, 'package.json'),
    JSON.stringify({ name: 'my-infra', version: '1.0.0', private: true }, null, 2) + '\n',
  );
  const prebuilds = path.join(root, 'prebuilds');
  writeBetterSqlitePrebuild(prebuilds);
  const port = await freePort();

  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('TF_') || name.startsWith('LIGHTYEAR_') || name.startsWith('npm_')) continue;
    if (name === 'CHECKPOINT_DISABLE' || name === 'LYCTL_DEBUG' || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  Object.assign(env, {
    HOME: homeDir,
    TMPDIR: tmpDir,
    npm_config_cache: npmCache(),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_better_sqlite3_local_prebuilds: prebuilds,
    // Other local clouds on this machine (a quickstart, other tests) may hold 8787.
    LIGHTYEAR_PORT: String(port),
    TF_IN_AUTOMATION: '1',
  });
  return {
    root,
    projectDir,
    homeDir,
    env,
    port,
    dispose() {
      stopCloud(path.join(projectDir, '.lightyear'));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs a shell script (`sh -e`) and collects its output; never rejects. */
export function runScript(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-e', '-c', script],
      { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `npm pack` of the clone (its prepare script builds first) into `destination`; returns the tarball. */
export function packPackage(destination: string, env: NodeJS.ProcessEnv): string {
  fs.mkdirSync(destination, { recursive: true });
  const output = execFileSync('npm', ['pack', '--pack-destination', destination], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const name = output.trim().split('\n').pop()!;
  return path.join(destination, name);
}

function npmCache(): string {
  return execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
}

/** prebuild-install's file name and layout for the running Node: build/Release/better_sqlite3.node. */
function writeBetterSqlitePrebuild(dir: string): void {
  const moduleDir = path.join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  fs.mkdirSync(dir, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-C', moduleDir, '-czf', path.join(dir, name), 'build/Release/better_sqlite3.node']);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A cloud a failed test left running: killed by the pid it recorded. */
function stopCloud(dataDir: string): void {
  try {
    const { pid } = JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { pid: number };
    if (isLocalCloudProcess(pid)) process.kill(pid, 'SIGKILL');
  } catch {
    // No record, or the process is gone: nothing runs.
  }
}
