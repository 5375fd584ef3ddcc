import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BOOTSTRAP_KEY_FILE_NAME, writePrivateFileAtomically } from '../cloud';

/** Written by a serving local cloud into its data directory; read by `local start/stop/status/env`. */
export const CLOUD_INFO_FILE = 'cloud.json';
/** Where a background local cloud's stdout and stderr go. */
export const CLOUD_LOG_FILE = 'cloud.log';

export interface LocalCloudInfo {
  readonly pid: number;
  readonly port: number;
  /** The API base, `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  /** ISO 8601. */
  readonly startedAt: string;
  /** When it serves HTTPS: the certificate (PEM file) clients must trust. */
  readonly tlsCertPath?: string;
}

export function cloudInfoPath(dataDir: string): string {
  return path.join(dataDir, CLOUD_INFO_FILE);
}

/** The recorded cloud, whether or not it still runs; undefined when there is no readable record. */
export function readCloudInfoFile(dataDir: string): LocalCloudInfo | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(cloudInfoPath(dataDir), 'utf8'));
  } catch {
    // Missing, or half-written by a process that died: either way there is no usable record.
    return undefined;
  }
  return isCloudInfo(parsed) ? parsed : undefined;
}

function isCloudInfo(value: unknown): value is LocalCloudInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isInteger(v.pid) &&
    Number.isInteger(v.port) &&
    typeof v.url === 'string' &&
    typeof v.origin === 'string' &&
    typeof v.dataDir === 'string' &&
    typeof v.startedAt === 'string' &&
    (v.tlsCertPath === undefined || typeof v.tlsCertPath === 'string')
  );
}

/** Writes the record (0600, like everything in the data directory) through a rename: never half of it. */
export function writeCloudInfoFile(info: LocalCloudInfo): void {
  writePrivateFileAtomically(cloudInfoPath(info.dataDir), JSON.stringify(info, null, 2) + '\n');
}

/** Removes the record if it still names `pid` (a newer cloud may have replaced it meanwhile). */
export function removeCloudInfoFile(dataDir: string, pid: number): void {
  if (readCloudInfoFile(dataDir)?.pid === pid) fs.rmSync(cloudInfoPath(dataDir), { force: true });
}

/**
 * The local cloud serving `dataDir`, or undefined if none does. A record whose process is gone, or whose pid
 * now belongs to some other program (pids are reused, e.g. after a reboot), does not count.
 */
export function readLocalCloudInfo(dataDir: string): LocalCloudInfo | undefined {
  const info = readCloudInfoFile(dataDir);
  return info !== undefined && isLocalCloudProcess(info.pid) ? info : undefined;
}

/**
 * Whether `pid` is alive and runs `lyctl local serve`. The command-line check keeps `local stop` from
 * signalling an unrelated process that inherited a stale pid (pids are reused, e.g. after a reboot).
 */
export function isLocalCloudProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const args = commandLine(pid);
  // An exited but not yet reaped process has an empty command line.
  return args.some((arg, i) => arg === 'local' && args[i + 1] === 'serve');
}

/** The process's arguments: from /proc on Linux, else from ps (macOS), split on spaces there. */
export function commandLine(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
        .trim()
        .split(/\s+/);
    } catch {
      return [];
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The bootstrap API key the cloud wrote, or undefined if it has not (yet). */
export function readBootstrapKey(dataDir: string): string | undefined {
  try {
    const key = fs.readFileSync(path.join(dataDir, BOOTSTRAP_KEY_FILE_NAME), 'utf8').trim();
    return key === '' ? undefined : key;
  } catch {
    return undefined;
  }
}
