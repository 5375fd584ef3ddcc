import fs from 'node:fs';
import path from 'node:path';

/** Where lyctl keeps the local cloud's data, the provider mirror and the Terraform CLI config, by default. */
export const DEFAULT_DATA_DIR = '.lightyear';

/**
 * The data directory, as an absolute path: `--data` if given, else `$LIGHTYEAR_HOME`, else the nearest
 * `.lightyear` directory in the working directory or above it (the way git finds `.git`), else a new
 * `./.lightyear`. The upward search is what lets a stack in `infra/dns/` talk to the cloud that was started
 * at the project's root; the fallback keeps each project's cloud inside the project, like `.terraform`.
 */
export function resolveDataDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  if (flag !== undefined) return path.resolve(cwd, flag);
  const home = env.LIGHTYEAR_HOME;
  if (home !== undefined && home !== '') return path.resolve(cwd, home);
  return findDataDirUpwards(path.resolve(cwd)) ?? path.resolve(cwd, DEFAULT_DATA_DIR);
}

/** The nearest `.lightyear` directory at or above `start`, or undefined when there is none up to the root. */
export function findDataDirUpwards(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_DATA_DIR);
    if (isDirectory(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
