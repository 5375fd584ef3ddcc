import { build, type Metafile } from 'esbuild';
import path from 'node:path';

/*
 * Terraform starts the provider 3–5 times per command, and most of those processes only answer for the
 * schema or validate. undici and zod (~1 MB with the client) are loaded only by a process that configures
 * the provider, through the lazy require in src/provider/client-module.ts. This builds the provider entry as
 * scripts/build.mjs does and walks esbuild's import graph from it, following every eager edge: `import`
 * statements and `require` calls, except that one door.
 */

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = 'src/provider/main.ts';
const LAZY_DOOR = { from: 'src/provider/client-module.ts', to: 'src/client/index.ts' };
const HEAVY = /(^|\/)node_modules\/(undici|zod)\//;

type Edge = Metafile['inputs'][string]['imports'][number];

async function metafile(): Promise<Metafile> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    outfile: 'dist/terraform-provider-lightyear.js',
  });
  return result.metafile;
}

function isEager(edge: Edge): boolean {
  return edge.kind === 'import-statement' || edge.kind === 'require-call';
}

/**
 * Every module reachable from the entry through edges `follow` accepts, each with the chain that reaches it,
 * so a failure shows which import brought the module in.
 */
function reachable(meta: Metafile, follow: (from: string, edge: Edge) => boolean): Map<string, string[]> {
  const chains = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
  const queue = [ENTRY];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const chain = chains.get(next) as string[];
    for (const edge of meta.inputs[next]?.imports ?? []) {
      if (edge.external || chains.has(edge.path) || !follow(next, edge)) continue;
      chains.set(edge.path, [...chain, edge.path]);
      queue.push(edge.path);
    }
  }
  return chains;
}

const isDoor = (from: string, edge: Edge) => from === LAZY_DOOR.from && edge.path === LAZY_DOOR.to;

describe('the provider bundle', () => {
  let meta: Metafile;
  // esbuild itself takes well under a second; on a machine shared by many builds, starting it can take more.
  beforeAll(async () => {
    meta = await metafile();
  }, 60_000);

  it('reaches undici and zod only through the lazy client module', () => {
    const eager = reachable(meta, (from, edge) => isEager(edge) && !isDoor(from, edge));
    const heavy = [...eager].filter(([module]) => HEAVY.test(module)).map(([, chain]) => chain.join(' → '));
    expect(heavy).toEqual([]);
  });

  it('does reach them through that door, so the check above looks at the real graph', () => {
    expect(meta.inputs[LAZY_DOOR.from]?.imports).toContainEqual(
      expect.objectContaining({ path: LAZY_DOOR.to, kind: 'require-call' }),
    );
    const all = reachable(meta, (_from, edge) => isEager(edge));
    expect([...all.keys()].some((module) => /node_modules\/undici\//.test(module))).toBe(true);
    expect([...all.keys()].some((module) => /node_modules\/zod\//.test(module))).toBe(true);
  });
});
