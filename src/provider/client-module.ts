import fs from 'node:fs';
import path from 'node:path';
import type * as ClientModule from '../client';
import { requireWithCodeCache, type CodeCachedModule } from './code-cache';
import { useBaselineWasmCompiler } from '../process/wasm-baseline';

/** Its name beside the program in dist/ and in the provider package (scripts/build.mjs writes it). */
const CLIENT_FILE = 'lightyear-provider-client.js';

let loaded: typeof ClientModule | undefined;
let cached: CodeCachedModule<typeof ClientModule> | undefined;

/**
 * The API client, loaded on first use. It brings undici and zod (about 1.3 MB beside the program), and
 * Terraform starts several provider processes per command of which only those that configure the provider
 * talk to the API; the others (schema, validation) start measurably faster without it (docs/performance.md).
 * In the built provider it is compiled through V8's code cache (code-cache.ts); run from the sources (tests,
 * tsx) there is no such file beside this one and it is an ordinary require.
 */
export function clientModule(): typeof ClientModule {
  loaded ??= load();
  return loaded;
}

function load(): typeof ClientModule {
  useBaselineWasmCompiler();
  const beside = path.join(__dirname, CLIENT_FILE);
  if (fs.existsSync(beside)) {
    cached = requireWithCodeCache<typeof ClientModule>(beside);
    return cached.exports;
  }
  // A require() inside a function is what keeps esbuild from initialising the module at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../client') as typeof ClientModule;
}

/**
 * Writes the client's code-cache entry if it had none, once the client has made its first request (so the
 * entry holds the request path's compiled functions too). Does nothing when the client was not loaded
 * through the cache.
 */
export function saveClientCodeCache(): void {
  cached?.saveCache();
}
