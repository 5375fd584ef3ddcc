/**
 * Loading a CommonJS file through V8's code cache. Every `terraform plan` starts the provider several times
 * and the processes that configure it load the API client (1.3 MB: undici, zod, the API schemas); compiling
 * it, and the functions its first request runs, is ~40 ms of CPU per process that V8 can instead read back
 * from a cache written by an earlier process (docs/performance.md). Node 20 has no
 * `module.enableCompileCache`, so this compiles the file as `vm.Script` with `cachedData` itself.
 *
 * The cache cannot live beside the program: Terraform's lock-file hash covers every file of the provider
 * package. It lives in a per-user directory (`$XDG_CACHE_HOME/lightyear`, else `~/.cache/lightyear`) that
 * must be the user's own and closed to others, since code read from it runs as the provider. Entries are
 * named by a hash of the source, Node's version and the architecture: V8 itself checks only the source's
 * length. Anything wrong with the cache (missing, rejected by V8, unwritable) falls back to a plain compile.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** How many entries per file name the cache keeps (one per provider version in use, give or take). */
const KEEP_ENTRIES = 3;

export interface CodeCachedModule<T> {
  readonly exports: T;
  /** True when V8 used a cache entry; false when the file was compiled from source. */
  readonly fromCache: boolean;
  /**
   * Writes the cache entry if there was none (or V8 rejected it), in the background. Call it once the module
   * has done typical work: the entry then holds the functions compiled so far, not only the top level.
   */
  saveCache(): void;
}

/** `$LIGHTYEAR_CODE_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/lightyear`, else `~/.cache/lightyear`. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['LIGHTYEAR_CODE_CACHE_DIR'];
  if (explicit !== undefined) return explicit === '' ? undefined : explicit;
  const base = env['XDG_CACHE_HOME'] || path.join(env['HOME'] || os.homedir(), '.cache');
  return path.join(base, 'lightyear');
}

/** The directory, created if missing, when it is safe to read code from: ours, and writable by no one else. */
function privateDir(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (!st.isDirectory()) return undefined;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    if ((st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Requires `file` as CommonJS (its own `require`, `module`, `__dirname`), compiled through the code cache. */
export function requireWithCodeCache<T>(file: string, cacheDir = codeCacheDir()): CodeCachedModule<T> {
  const source = fs.readFileSync(file);
  const dir = cacheDir === undefined ? undefined : privateDir(cacheDir);
  const key = crypto
    .createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 32);
  const prefix = `${path.basename(file)}-`;
  const entry = dir === undefined ? undefined : path.join(dir, `${prefix}${key}.v8`);
  let cachedData: Buffer | undefined;
  if (entry !== undefined) {
    try {
      cachedData = fs.readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source.toString('utf8')), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const mod = { exports: {} as T };
  const wrapper = script.runInThisContext() as (
    exports: T,
    require: NodeJS.Require,
    module: { exports: T },
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));

  let saved = fromCache;
  return {
    exports: mod.exports,
    fromCache,
    saveCache() {
      if (saved || dir === undefined || entry === undefined) return;
      saved = true;
      // After the answer that triggered it is on its way: serialising takes a few ms of this thread.
      setImmediate(() => writeEntry(dir, prefix, entry, script));
    },
  };
}

function writeEntry(dir: string, prefix: string, entry: string, script: vm.Script): void {
  try {
    const data = script.createCachedData();
    // Written aside and renamed: several provider processes start at once, and none may read half a file.
    const temp = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, entry);
    pruneOldEntries(dir, prefix, entry);
  } catch {
    // A cache that cannot be written only costs the next process the compile.
  }
}

/** Entries of other versions of the same file, beyond the newest few, are removed. */
function pruneOldEntries(dir: string, prefix: string, keep: string): void {
  const others = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.v8') && path.join(dir, name) !== keep)
    .map((name) => {
      const full = path.join(dir, name);
      return { full, mtime: fs.statSync(full).mtimeMs };
    })
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEEP_ENTRIES - 1)) fs.rmSync(old.full, { force: true });
}
