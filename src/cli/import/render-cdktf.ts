import { version as packageVersion, dependencies } from '../../../package.json';
import { ObjectExpression, Reference, type Expression, type ImportedResource } from './expression';
import type { ImportResult } from './generate';
import { GENERATED_MARK, type OutputFile } from './render-hcl';

/**
 * The same import as a CDKTF stack in TypeScript, over the bindings cdktf's own generator made from the
 * provider's schema (`tf` in `lightyear-iac/constructs`): one resource each, `importFrom(id)` on it, so
 * `cdktf diff` proposes the imports and nothing else. Names follow cdktf's: `firewall_id` → `firewallId`,
 * `lightyear_block_storage` → `tf.BlockStorage`.
 */

const PACKAGE_NAME = 'lightyear-iac';

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function pascal(snake: string): string {
  const c = camel(snake);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** `lightyear_block_storage` → `block_storage`. */
function shortType(type: string): string {
  return type.replace(/^lightyear_/, '');
}

export function className(type: string): string {
  return pascal(shortType(type));
}

export function variableName(resource: { type: string; name: string }): string {
  return camel(`${shortType(resource.type)}_${resource.name.replace(/-/g, '_')}`);
}

/**
 * A TypeScript string literal for a Terraform string. cdktf writes strings into JSON configuration, where
 * Terraform reads `${` and `%{` as template syntax, so those are doubled as in HCL.
 */
export function tsString(text: string): string {
  return JSON.stringify(text.replace(/([$%])\{/g, '$1$1{'));
}

export function tsExpression(value: Expression, indent: string): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Reference) return `${variableName(value)}.${camel(value.attribute)}`;
  if (value instanceof ObjectExpression) return tsObject(value, indent);
  const items = value.map((item) => tsExpression(item, `${indent}  `));
  const oneLine = `[${items.join(', ')}]`;
  if (!oneLine.includes('\n') && oneLine.length + indent.length <= 100) return oneLine;
  return `[\n${items.map((i) => `${indent}  ${i},\n`).join('')}${indent}]`;
}

function tsObject(value: ObjectExpression, indent: string): string {
  if (value.members.size === 0) return '{}';
  const lines = [...value.members].map(
    ([key, member]) => `${indent}  ${camel(key)}: ${tsExpression(member, `${indent}  `)},`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function referencesIn(value: Expression, out: Set<string>): void {
  if (value instanceof Reference) out.add(variableName(value));
  else if (value instanceof ObjectExpression) for (const m of value.members.values()) referencesIn(m, out);
  else if (Array.isArray(value)) for (const item of value as readonly Expression[]) referencesIn(item, out);
}

/** Resources ordered so each is declared after those it refers to (a `const` is not usable before). */
export function declarationOrder(resources: readonly ImportedResource[]): ImportedResource[] {
  const byVariable = new Map(resources.map((r) => [variableName(r), r]));
  const done = new Set<string>();
  const ordered: ImportedResource[] = [];
  const visit = (r: ImportedResource, path: Set<string>): void => {
    const name = variableName(r);
    if (done.has(name)) return;
    if (path.has(name)) throw new Error(`references between imported resources form a cycle at ${name}`);
    path.add(name);
    const needs = new Set<string>();
    referencesIn(r.attributes, needs);
    for (const block of r.blocks) for (const item of block.items) referencesIn(item, needs);
    for (const need of needs) {
      const target = byVariable.get(need);
      if (target !== undefined) visit(target, path);
    }
    path.delete(name);
    done.add(name);
    ordered.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return ordered;
}

function comments(notes: readonly string[], indent: string): string[] {
  return notes.flatMap((n) => n.split('\n').map((line) => `${indent}// ${line}`.trimEnd()));
}

function resourceLines(resource: ImportedResource): string[] {
  const variable = variableName(resource);
  const members = new Map(resource.attributes.members);
  for (const block of resource.blocks) {
    const first = block.items[0];
    // A block of one item is an object in the bindings, a repeated block an array.
    if (block.items.length === 1 && first !== undefined) members.set(block.name, first);
    else members.set(block.name, [...block.items]);
  }
  const config = tsObject(new ObjectExpression(members), '    ');
  return [
    '',
    ...comments(resource.notes, '    '),
    `    const ${variable} = new tf.${className(resource.type)}(this, ${tsString(`${shortType(resource.type)}_${resource.name}`)}, ${config});`,
    `    ${variable}.importFrom(${tsString(resource.importId)});`,
  ];
}

export function mainTs(result: ImportResult): string {
  return [
    `// ${GENERATED_MARK} --cdktf: \`cdktf diff\` imports these objects and proposes no other change.`,
    ...comments(result.notes, ''),
    "import { App, TerraformStack } from 'cdktf';",
    "import type { Construct } from 'constructs';",
    `import { tf } from '${PACKAGE_NAME}/constructs';`,
    '',
    'class ImportedStack extends TerraformStack {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    '    // Endpoint and API key come from LIGHTYEAR_ENDPOINT and LIGHTYEAR_API_KEY at plan and apply time.',
    "    new tf.provider.LightyearProvider(this, 'lightyear');",
    ...declarationOrder(result.resources).flatMap(resourceLines),
    '  }',
    '}',
    '',
    'const app = new App();',
    "new ImportedStack(app, 'imported');",
    'app.synth();',
    '',
  ].join('\n');
}

export function cdktfFiles(result: ImportResult): OutputFile[] {
  const cdktfJson = {
    language: 'typescript',
    app: 'node --import tsx main.ts',
    projectId: 'lightyear-imported',
    sendCrashReports: 'false',
    output: 'cdktf.out',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  };
  const packageJson = {
    name: 'lightyear-imported',
    private: true,
    description: `${GENERATED_MARK} --cdktf. Run \`npm install\`, then \`npx cdktf diff\` and \`npx cdktf deploy\`.`,
    dependencies: {
      cdktf: dependencies.cdktf,
      'cdktf-cli': dependencies['cdktf-cli'],
      constructs: dependencies.constructs,
      [PACKAGE_NAME]: `^${packageVersion}`,
      tsx: dependencies.tsx,
    },
  };
  return [
    { name: 'main.ts', text: mainTs(result) },
    { name: 'cdktf.json', text: `${JSON.stringify(cdktfJson, null, 2)}\n` },
    { name: 'package.json', text: `${JSON.stringify(packageJson, null, 2)}\n` },
  ];
}
