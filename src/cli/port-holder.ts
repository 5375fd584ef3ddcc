import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PortHolder } from './errors';
import { commandLine, readCloudInfoFile } from './local-cloud-info';

/**
 * The local cloud of another data directory listening on `port`, if that is who holds it. Found through the
 * process table: every `lyctl local serve` that `local start` runs names its `--data` and `--port`, and the
 * cloud.json in that directory confirms the port actually bound. Undefined when the port belongs to
 * something else (or to a foreground `serve` whose command line does not say).
 */
export function findLocalCloudOnPort(port: number): PortHolder | undefined {
  for (const pid of processIds()) {
    if (pid === process.pid) continue;
    const args = commandLine(pid);
    const serve = args.findIndex((arg, i) => arg === 'local' && args[i + 1] === 'serve');
    if (serve === -1) continue;
    const flags = args.slice(serve + 2);
    const dataFlag = optionValue(flags, 'data');
    const portFlag = optionValue(flags, 'port');
    if (dataFlag !== undefined) {
      const dataDir = path.resolve(processCwd(pid) ?? '/', dataFlag);
      const record = readCloudInfoFile(dataDir);
      if (record?.pid === pid && record.port === port) return { pid, dataDir };
    } else if (portFlag !== undefined && Number(portFlag) === port) {
      return { pid };
    }
  }
  return undefined;
}

function optionValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** Every process id: /proc on Linux, ps elsewhere (macOS). */
function processIds(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    try {
      return execFileSync('ps', ['-axo', 'pid='], { encoding: 'utf8' })
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter((pid) => Number.isInteger(pid) && pid > 0);
    } catch {
      return [];
    }
  }
}

/** A relative --data is relative to the process's working directory; known on Linux, and `local start` passes it absolute anyway. */
function processCwd(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}
