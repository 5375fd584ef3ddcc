import type * as ClientModule from '../client';

let loaded: typeof ClientModule | undefined;

/**
 * The API client, loaded on first use. It brings undici and zod (about 1 MB of the provider's bundle), and
 * Terraform starts several provider processes per command of which only those that configure the provider
 * talk to the API; the others (schema, validation) start measurably faster without it (docs/performance.md).
 */
export function clientModule(): typeof ClientModule {
  // A require() inside a function is what keeps esbuild from initialising the module at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../client') as typeof ClientModule;
  return loaded;
}
