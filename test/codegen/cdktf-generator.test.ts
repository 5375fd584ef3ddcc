/**
 * cdktf's generator over a schema with what the framework is growing (a set of nested objects, a single block,
 * a list block with min/max items), without terraform: the output must carry the nested-type surface, pass
 * the type-check the committed bindings get (tsconfig.generated.json), and synthesize the Terraform JSON a
 * provider expects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProviderSchema } from '@cdktf/commons';
import { Testing, TerraformStack } from 'cdktf';
import ts from 'typescript';
import { generateCdktfBindings } from '../../src/codegen/cdktf-generator';
import { BINDINGS_DIR } from '../../src/codegen/cdktf-output';
import schemaJson from './fixtures/nested-provider-schema.json';

const root = path.resolve(__dirname, '..', '..');

// Generation, a type-check of cdktf's declarations and a synth: more than the unit default of 5 s.
jest.setTimeout(60_000);

interface FixtureBindings {
  provider: { FixtureProvider: new (scope: TerraformStack, id: string) => unknown };
  firewall: {
    Firewall: new (
      scope: TerraformStack,
      id: string,
      config: Record<string, unknown>,
    ) => {
      putRules(value: Record<string, unknown>[]): void;
      resetLabels(): void;
    };
  };
}

describe('bindings from cdktf provider generator for nested attributes and blocks', () => {
  let files: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    files = await generateCdktfBindings(
      schemaJson as unknown as ProviderSchema,
      { namespace: 'test', type: 'fixture' },
      '0.0.1',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-bindings-'));
    // The generated code imports cdktf and constructs as the committed bindings do: from this package's install.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(dir, path.relative(BINDINGS_DIR, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has struct interfaces, output references, a set list class and put/reset for each nested member', () => {
    expect(Object.keys(files).sort()).toEqual([
      `${BINDINGS_DIR}/firewall/index.ts`,
      `${BINDINGS_DIR}/index.ts`,
      `${BINDINGS_DIR}/provider/index.ts`,
    ]);
    const firewall = files[`${BINDINGS_DIR}/firewall/index.ts`]!;
    for (const member of [
      'export interface FirewallRules {',
      'export class FirewallRulesOutputReference extends cdktf.ComplexObject',
      'export class FirewallRulesList extends cdktf.ComplexList',
      'public putRules(value: FirewallRules[] | cdktf.IResolvable)',
      'public resetRules()',
      'public putTimeouts(value: FirewallTimeouts)',
      'public putAttachment(value: FirewallAttachment[] | cdktf.IResolvable)',
    ]) {
      expect(firewall).toContain(member);
    }
    expect(firewall).toContain('docs/reference/resources/fixture_firewall.md');
    expect(Object.values(files).join('\n')).not.toContain('registry.terraform.io');
  });

  it('type-checks with the options of tsconfig.generated.json', () => {
    const config = ts.readConfigFile(path.join(root, 'tsconfig.generated.json'), (f) => ts.sys.readFile(f));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(
      Object.keys(files).map((file) => path.join(dir, path.relative(BINDINGS_DIR, file))),
      {
        ...options,
        composite: false,
        declaration: false,
        emitDeclarationOnly: false,
        noEmit: true,
        rootDir: dir,
        tsBuildInfoFile: undefined,
      },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('synthesizes a set of nested objects, a single block and a list block', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bindings = require(path.join(dir, 'index.ts')) as FixtureBindings;
    const stack = new TerraformStack(Testing.app(), 'test');
    new bindings.provider.FixtureProvider(stack, 'fixture');
    const firewall = new bindings.firewall.Firewall(stack, 'web', {
      name: 'web',
      labels: { team: 'a' },
      timeouts: { create: '5m' },
      attachment: [{ instanceId: 'inst_1' }],
    });
    firewall.putRules([{ protocol: 'tcp', port: '22', sources: ['10.0.0.0/8'] }, { protocol: 'icmp' }]);
    firewall.resetLabels();
    const out = JSON.parse(Testing.synth(stack)) as {
      resource: { fixture_firewall: { web: Record<string, unknown> } };
    };
    expect(out.resource.fixture_firewall.web).toEqual({
      name: 'web',
      rules: [{ protocol: 'tcp', port: '22', sources: ['10.0.0.0/8'] }, { protocol: 'icmp' }],
      timeouts: { create: '5m' },
      attachment: [{ instance_id: 'inst_1' }],
    });
  });
});
