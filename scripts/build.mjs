// Builds what the package ships (package.json `files`): the two programs bundled into single files, and the
// CDKTF constructs compiled to JavaScript with type declarations. A single-file bundle starts markedly faster
// than a tree of modules (terraform-plugin-notes: ~50 ms per provider spawn, paid 3-5 times per command), and
// esbuild's output is byte-for-byte deterministic, which keeps Terraform's lock-file hash stable across rebuilds.
// The constructs are compiled rather than bundled: cdktf and constructs must stay the user's own copies, since
// cdktf tells its classes apart with instanceof.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

// Compiled beside, then swapped in: a construct file removed from the sources must not linger in the package,
// and a concurrent `npm pack` must not find the directory half-written.
const constructsOut = path.join(root, 'dist', 'constructs');
const staging = `${constructsOut}.${process.pid}.tmp`;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.constructs.json', '--outDir', staging], {
    cwd: root,
    stdio: 'inherit',
  });
  fs.rmSync(constructsOut, { recursive: true, force: true });
  fs.renameSync(staging, constructsOut);
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
