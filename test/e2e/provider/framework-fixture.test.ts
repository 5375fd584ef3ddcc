/**
 * The framework under the real terraform: a resource with a set of nested objects whose members the API
 * canonicalizes, a list block and a timeouts block goes through plan, apply, refresh and import with an
 * empty plan after each step, whatever equivalent spelling or order the configuration uses.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTerraformWorkspace, type TerraformWorkspace } from '../../helpers/terraform';
import { expectEmptyPlan, mustRun, resourceTest, type Workspace } from './resource-test';

const HEADER = `terraform {
  required_providers {
    fixture = { source = "test/fixture" }
  }
}

provider "fixture" {}
`;

function thing(body: string): string {
  return `${HEADER}
resource "fixture_thing" "web" {
  name = "web"
  zone = "ams"
${body}
}
`;
}

let buildDir: string;
let ws: TerraformWorkspace;
let storeFile: string;
let workspace: Workspace;

beforeAll(async () => {
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'framework-fixture-'));
  const bundle = path.join(buildDir, 'provider.js');
  await build({
    entryPoints: [path.join(__dirname, 'fixtures', 'framework-fixture-provider.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
  ws = createTerraformWorkspace({
    providers: [{ source: 'test/fixture', version: '0.0.1', script: bundle }],
  });
  storeFile = path.join(ws.root, 'store.json');
  workspace = {
    writeFiles: (files) => ws.writeFiles(files),
    tf: (args, options = {}) =>
      ws.terraform(args, { ...options, env: { FIXTURE_STORE: storeFile, ...options.env } }),
  };
  ws.writeFiles({ 'main.tf': thing('') });
  await mustRun(workspace, ['init', '-no-color', '-input=false']);
});

afterAll(() => {
  ws?.dispose();
  fs.rmSync(buildDir, { recursive: true, force: true });
});

const remoteObjects = () =>
  fs.existsSync(storeFile)
    ? Object.keys((JSON.parse(fs.readFileSync(storeFile, 'utf8')) as { objects: object }).objects)
    : [];

describe('a set of nested objects under the real terraform', () => {
  it('plans empty after apply, import and refresh, whatever the spelling and order', async () => {
    await resourceTest(
      workspace,
      [
        {
          // Spellings the fixture API canonicalizes: ::0/0, upper case, a duplicate rule.
          config: thing(`
  rules = [
    { protocol = "tcp", ports = "22", sources = ["0.0.0.0/0", "::0/0"] },
    { protocol = "tcp", ports = "22", sources = ["::/0", "0.0.0.0/0"] },
    { protocol = "tcp", ports = "443", sources = ["2001:DB8::/32"] },
  ]
  listener {
    port = 80
  }
  timeouts {
    create = "1m30s"
  }`),
          expectActions: { 'fixture_thing.web': ['create'] },
          check: (state) => {
            expect(state['fixture_thing.web']).toMatchObject({ size: 10, revision: 1 });
          },
          importVerify: [{ address: 'fixture_thing.web', ignore: ['timeouts', 'rules'] }],
        },
        {
          // The same rules reordered and spelled the API's way: no change.
          config: thing(`
  rules = [
    { protocol = "tcp", ports = "443", sources = ["2001:db8::/32"] },
    { protocol = "tcp", ports = "22", sources = ["::/0", "0.0.0.0/0"] },
  ]
  listener {
    port = 80
  }
  timeouts {
    create = "1m30s"
  }`),
          expectActions: {},
        },
        {
          // A real change to one rule and a grown size: one in-place update.
          config: thing(`
  size  = 20
  rules = [
    { protocol = "tcp", ports = "443", sources = ["2001:db8::/32"] },
    { protocol = "udp", ports = "53", sources = ["::/0"] },
  ]
  listener {
    port = 8080
  }`),
          expectActions: { 'fixture_thing.web': ['update'] },
          check: (state) => expect(state['fixture_thing.web']).toMatchObject({ size: 20, revision: 2 }),
        },
        {
          // Shrinking replaces (requiresReplaceIf).
          config: thing(`
  size = 15
  listener {
    port = 8080
  }`),
          expectActions: { 'fixture_thing.web': ['delete', 'create'] },
        },
        {
          config: thing('  timeouts {\n    create = "ten minutes"\n  }'),
          expectError: /Invalid timeouts\.create/,
        },
        { config: thing('  id = "fx_9"'), expectError: /Can't configure id/ },
      ],
      async () => expect(remoteObjects()).toEqual([]),
    );
  });

  it('refreshes without a diff and re-creates what was deleted behind its back', async () => {
    workspace.writeFiles({
      'main.tf': thing('  rules = [{ protocol = "tcp", ports = "22", sources = ["::0/0"] }]'),
    });
    await mustRun(workspace, ['apply', '-auto-approve', '-no-color', '-input=false']);
    const refresh = await workspace.tf(['plan', '-refresh-only', '-detailed-exitcode', '-no-color']);
    // terraform 1.11 answers -refresh-only -detailed-exitcode with 2 even when it reports no differences.
    expect(refresh.stdout).toContain('found no differences');
    fs.writeFileSync(storeFile, JSON.stringify({ next: 100, objects: {} }));
    const plan = await workspace.tf(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
    await mustRun(workspace, ['apply', '-auto-approve', '-no-color', '-input=false']);
    await expectEmptyPlan(workspace, 're-creating');
    await mustRun(workspace, ['destroy', '-auto-approve', '-no-color']);
  });
});
