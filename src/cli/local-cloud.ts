import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { ensurePrivateDirectory, startLocalCloud } from '../cloud';
import type { CloudBehaviour } from './cloud-flags';
import {
  ApiKeyMissingError,
  CloudAlreadyRunningError,
  CloudStartError,
  CloudStopError,
  NotBuiltError,
  PortInUseError,
} from './errors';
import {
  CLOUD_LOG_FILE,
  cloudInfoPath,
  isAlive,
  isLocalCloudProcess,
  readBootstrapKey,
  readLocalCloudInfo,
  removeCloudInfoFile,
  writeCloudInfoFile,
  type LocalCloudInfo,
} from './local-cloud-info';
import { lyctlBundlePath, packageInfo } from './package-root';
import { findLocalCloudOnPort } from './port-holder';

/**
 * A fixed default, so the endpoint written into shells and .tf files stays the same across restarts.
 * 8787 is unassigned by IANA and rarely taken by development servers.
 */
export const DEFAULT_PORT = 8787;

export interface ServingCloud {
  readonly info: LocalCloudInfo;
  /** Stops serving and removes cloud.json. */
  close(): Promise<void>;
}

/**
 * Runs the local cloud in this process and records it in `<dataDir>/cloud.json`, so that `local status`,
 * `local env` and `local stop` find it whether it was started in the foreground or by `local start`.
 */
export async function serveLocalCloud(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Rate limit, lifecycle durations and TLS; the cloud's defaults where absent. */
  cloud?: CloudBehaviour;
}): Promise<ServingCloud> {
  const dataDir = path.resolve(options.dataDir);
  ensurePrivateDirectory(dataDir, options.log);
  const running = readLocalCloudInfo(dataDir);
  if (running !== undefined && running.pid !== process.pid) {
    throw new CloudAlreadyRunningError(running.pid, running.url);
  }

  let cloud: Awaited<ReturnType<typeof startLocalCloud>>;
  try {
    cloud = await startLocalCloud({ ...options.cloud, port: options.port, dataDir, log: options.log });
  } catch (error) {
    if (isAddressInUse(error)) throw new PortInUseError(options.port, findLocalCloudOnPort(options.port));
    throw error;
  }

  const info: LocalCloudInfo = {
    pid: process.pid,
    port: cloud.port,
    url: cloud.url,
    origin: cloud.origin,
    dataDir,
    startedAt: new Date().toISOString(),
    ...(cloud.tlsCertificatePath === undefined ? {} : { tlsCertPath: cloud.tlsCertificatePath }),
  };
  writeCloudInfoFile(info);
  return {
    info,
    async close() {
      removeCloudInfoFile(dataDir, process.pid);
      await cloud.close();
    },
  };
}

function isAddressInUse(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  }
  return false;
}

export interface StartBackgroundCloudOptions {
  readonly dataDir: string;
  /**
   * The port asked for; 0 for any free port. When absent, 8787, and a cloud already running for the data
   * directory is used whatever its port; when given, a running cloud on another port is an error.
   */
  readonly port?: number;
  /** The port when `port` is absent. Default 8787. */
  readonly defaultPort?: number;
  /** The data directory as the user named it with --data, for the hints in errors. */
  readonly hintDataDir?: string;
  /** The lyctl program to run `local serve` with. Default: this package's `dist/lyctl.js`. */
  readonly lyctlPath?: string;
  /** How long to wait for the cloud to answer. Default 20 s. */
  readonly timeoutMs?: number;
  /** More `local serve` flags (rate limit, lifecycle, TLS), as `cloudFlagArgs` writes them. */
  readonly serveArgs?: readonly string[];
  /** Told when the data directory had to be made private (it was open to other users). */
  readonly note?: (line: string) => void;
}

export interface BackgroundCloud {
  readonly info: LocalCloudInfo;
  /** The bootstrap API key. Hand it to the user or a client; never log it. */
  readonly apiKey: string;
  /** True when a cloud was already serving this data directory and nothing was started. */
  readonly alreadyRunning: boolean;
  readonly logPath: string;
}

/**
 * Starts `lyctl local serve` as a detached process that outlives the caller, waits until it answers HTTP,
 * and returns its record and API key. If a cloud already serves the data directory, returns that one.
 * On failure the error carries the last lines of `<dataDir>/cloud.log`.
 */
export async function startBackgroundCloud(options: StartBackgroundCloudOptions): Promise<BackgroundCloud> {
  const dataDir = path.resolve(options.dataDir);
  const logPath = path.join(dataDir, CLOUD_LOG_FILE);

  const running = readLocalCloudInfo(dataDir);
  if (running !== undefined) {
    if (options.port !== undefined && options.port !== 0 && options.port !== running.port) {
      throw new CloudAlreadyRunningError(running.pid, running.url, options.port, options.hintDataDir);
    }
    return { info: running, apiKey: requireKey(dataDir), alreadyRunning: true, logPath };
  }

  const port = options.port ?? options.defaultPort ?? DEFAULT_PORT;
  // Checked here, before anything is written, so a taken port leaves no data directory behind; the serving
  // process still reports a port lost to a race in between.
  if (port !== 0 && !(await portIsFree(port))) throw new PortInUseError(port, findLocalCloudOnPort(port));
  const lyctlPath = options.lyctlPath ?? builtLyctl();

  // The first directory this start creates, if any: removed again when the start fails.
  const created = fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    ensurePrivateDirectory(dataDir, options.note);
    return await spawnAndWait(dataDir, port, lyctlPath, options);
  } catch (error) {
    if (created !== undefined) fs.rmSync(created, { recursive: true, force: true });
    throw error;
  }
}

async function spawnAndWait(
  dataDir: string,
  port: number,
  lyctlPath: string,
  options: StartBackgroundCloudOptions,
): Promise<BackgroundCloud> {
  const logPath = path.join(dataDir, CLOUD_LOG_FILE);
  // A record left by a cloud that died without cleaning up.
  fs.rmSync(cloudInfoPath(dataDir), { force: true });
  const logOffset = fs.existsSync(logPath) ? fs.statSync(logPath).size : 0;
  const logFd = fs.openSync(logPath, 'a', 0o600);
  let child;
  try {
    child = spawn(
      process.execPath,
      [lyctlPath, 'local', 'serve', '--data', dataDir, '--port', String(port), ...(options.serveArgs ?? [])],
      {
        cwd: dataDir,
        detached: true,
        stdio: ['ignore', logFd, logFd],
      },
    );
  } finally {
    fs.closeSync(logFd);
  }
  child.unref();
  let exited: string | undefined;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal === null ? `exited with code ${String(code)}` : `was killed by ${signal}`;
      resolve();
    });
  });
  child.once('error', (error) => {
    exited = `could not be started (${error.message})`;
  });

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    if (exited !== undefined) {
      throw new CloudStartError(`the local cloud ${exited}${logTail(logPath, logOffset)}`);
    }
    const info = readLocalCloudInfo(dataDir);
    if (info !== undefined && info.pid === child.pid && (await answers(info))) {
      return { info, apiKey: requireKey(dataDir), alreadyRunning: false, logPath };
    }
    if (Date.now() > deadline) {
      if (child.pid !== undefined && isAlive(child.pid)) {
        process.kill(child.pid, 'SIGKILL');
        // Its files must be closed before the caller removes a directory it made.
        await gone;
      }
      throw new CloudStartError(`the local cloud did not answer in time${logTail(logPath, logOffset)}`);
    }
    await sleep(50);
  }
}

/** Whether nothing listens on the port on the loopback interface the cloud binds to. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function builtLyctl(): string {
  const { root } = packageInfo();
  const bundle = lyctlBundlePath(root);
  if (!fs.existsSync(bundle)) throw new NotBuiltError(bundle, root);
  return bundle;
}

function requireKey(dataDir: string): string {
  const key = readBootstrapKey(dataDir);
  if (key === undefined) throw new ApiKeyMissingError(dataDir);
  return key;
}

/**
 * Any HTTP answer at all means the server is up; what it answers is the API's business. Over TLS the
 * cloud's own certificate is trusted for the check, as a client given it would.
 */
async function answers(info: LocalCloudInfo): Promise<boolean> {
  const dispatcher =
    info.tlsCertPath === undefined
      ? undefined
      : new Agent({ connect: { ca: fs.readFileSync(info.tlsCertPath) } });
  try {
    const response = await undiciFetch(info.url, { signal: AbortSignal.timeout(2000), dispatcher });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  } finally {
    await dispatcher?.close();
  }
}

/** The log lines written since `offset` (this start's), the last few of them, formatted for an error. */
function logTail(logPath: string, offset: number, lines = 15): string {
  let text: string;
  try {
    text = fs.readFileSync(logPath).subarray(offset).toString('utf8').trimEnd();
  } catch {
    return '';
  }
  if (text === '') return ` (nothing in ${logPath})`;
  const tail = text.split('\n').slice(-lines);
  return `; last lines of ${logPath}:\n${tail.map((line) => `  ${line}`).join('\n')}`;
}

export interface StopBackgroundCloudResult {
  /** False when no cloud was running. */
  readonly stopped: boolean;
  readonly pid?: number;
  /** True when it ignored SIGTERM and had to be killed. */
  readonly killed: boolean;
}

/**
 * Stops the local cloud serving `dataDir`: SIGTERM, which lets it close cleanly, then SIGKILL if it has not
 * exited within `timeoutMs` (default 10 s). Removes cloud.json.
 */
export async function stopBackgroundCloud(options: {
  dataDir: string;
  timeoutMs?: number;
}): Promise<StopBackgroundCloudResult> {
  const dataDir = path.resolve(options.dataDir);
  const info = readLocalCloudInfo(dataDir);
  if (info === undefined) {
    fs.rmSync(cloudInfoPath(dataDir), { force: true });
    return { stopped: false, killed: false };
  }
  signal(info.pid, 'SIGTERM');
  let killed = false;
  if (!(await exitsWithin(info.pid, options.timeoutMs ?? 10_000))) {
    signal(info.pid, 'SIGKILL');
    killed = true;
    if (!(await exitsWithin(info.pid, 5_000))) {
      throw new CloudStopError(`the local cloud (pid ${info.pid}) did not exit even after SIGKILL`);
    }
  }
  removeCloudInfoFile(dataDir, info.pid);
  return { stopped: true, pid: info.pid, killed };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // Gone meanwhile: that is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function exitsWithin(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  // isLocalCloudProcess, not isAlive: an exited child not yet reaped by its parent still answers signal 0.
  while (isLocalCloudProcess(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
