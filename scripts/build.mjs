// Builds what the package ships (package.json `files`): the two programs bundled into single files, and the
// CDKTF constructs compiled to JavaScript with type declarations. A single-file bundle starts markedly faster
// than a tree of modules (terraform-plugin-notes: ~50 ms per provider spawn, paid 3-5 times per command), and
// esbuild's output is byte-for-byte deterministic, which keeps Terraform's lock-file hash stable across rebuilds.
// The constructs are compiled rather than bundled: cdktf and constructs must stay the user's own copies, since
// cdktf tells its classes apart with instanceof.
//
// The provider is two files: the program, and the API client (undici and zod, ~1.3 MB) beside it, which only
// the processes that configure the provider load (src/provider/client-module.ts). Inside the program the client
// cost ~100 ms of parsing on every start even unused; as its own file it costs nothing until needed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Its name in dist/ and in the provider package alike: the program requires it from its own directory. */
const PROVIDER_CLIENT_FILE = 'lightyear-provider-client.js';

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

/** The client module's import in client-module.ts becomes a require of the file beside the program. */
const clientBesideProgram = {
  name: 'client-beside-program',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/client$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'provider', 'client-module.ts'))
        ? { path: `./${PROVIDER_CLIENT_FILE}`, external: true }
        : undefined,
    );
  },
};

/** In the client bundle, `undici` is the part of it the client uses (scripts/undici-agent.mjs says why). */
const undiciAgentOnly = {
  name: 'undici-agent-only',
  setup(builder) {
    builder.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer.startsWith(path.join(root, 'src', 'client') + path.sep)
        ? { path: path.join(root, 'scripts', 'undici-agent.mjs') }
        : undefined,
    );
  },
};

/** What must never be in the provider program: it would be parsed on every start (see above). */
const LAZY_ONLY = [
  /^src\/client\//,
  /node_modules\/undici\//,
  /node_modules\/zod\//,
  /node_modules\/@grpc\//,
];

const [provider] = await Promise.all([
  build({
    ...common,
    entryPoints: ['src/provider/main.ts'],
    outfile: 'dist/terraform-provider-lightyear.js',
    plugins: [clientBesideProgram],
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: ['src/client/index.ts'],
    outfile: `dist/${PROVIDER_CLIENT_FILE}`,
    plugins: [undiciAgentOnly],
  }),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/lyctl.js',
    // Native addon: loaded from node_modules at run time.
    external: ['better-sqlite3'],
  }),
]);

const eager = Object.keys(provider.metafile.inputs).filter((input) => LAZY_ONLY.some((re) => re.test(input)));
if (eager.length > 0) {
  console.error(
    `The provider program bundles modules that only configured processes need; reach the client through ` +
      `src/provider/client-module.ts instead:\n  ${eager.slice(0, 10).join('\n  ')}`,
  );
  process.exit(1);
}

// Compiled beside, then swapped in: a construct file removed from the sources must not linger in the package,
// and a concurrent `npm pack` must not find the directory half-written.
const constructsOut = path.join(root, 'dist', 'lib');
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
