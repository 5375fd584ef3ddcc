// Bundles the two programs this package ships into single files. A single-file bundle starts markedly faster
// than a tree of modules (terraform-plugin-notes: ~50 ms per provider spawn, paid 3-5 times per command), and
// esbuild's output is byte-for-byte deterministic, which keeps Terraform's lock-file hash stable across rebuilds.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/provider/main.ts'],
    outfile: 'dist/terraform-provider-lightyear.js',
  }),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/lyctl.js',
    // Native addon: loaded from node_modules at run time.
    external: ['better-sqlite3'],
  }),
]);
