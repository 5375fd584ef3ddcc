import path from 'node:path';
import { generateReferenceDocs, MissingExampleError } from '../../src/codegen/docs';
import { readReferenceExamples } from '../../src/codegen/reference-examples';
import { lightyearProvider, PROVIDER_SOURCE } from '../../src/provider/provider';

const root = path.resolve(__dirname, '..', '..');
const examples = {
  resources: readReferenceExamples(root, 'resources'),
  dataSources: readReferenceExamples(root, 'data-sources'),
};

describe('reference docs', () => {
  const pages = generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, examples);

  it.each(lightyearProvider.resources.map((r) => r.typeName))(
    '%s has an example block of its own',
    (type) => {
      const page = pages[`docs/reference/resources/${type}.md`]!;
      const block = /## Example\n\n```hcl\n([\s\S]*?)\n```/.exec(page)?.[1];
      expect(block).toBeDefined();
      expect(block).toContain(`resource "${type}"`);
    },
  );

  it.each(lightyearProvider.dataSources.map((d) => d.typeName))(
    'data source %s has a page in the registry layout with its own example',
    (type) => {
      const page = pages[`docs/reference/data-sources/${type}.md`]!;
      expect(page).toContain(`# Data source \`${type}\``);
      const block = /## Example\n\n```hcl\n([\s\S]*?)\n```/.exec(page)?.[1];
      expect(block).toContain(`data "${type}"`);
      expect(pages['docs/reference/provider.md']).toContain(`- [\`${type}\`](data-sources/${type}.md)`);
    },
  );

  it('lists a data source’s look-up modes and marks arguments read when omitted', () => {
    const page = pages['docs/reference/data-sources/lightyear_plan.md']!;
    expect(page).toContain(
      '## Look-up\n\nSet exactly one of these; anything else is an error at `terraform validate`, on the attribute:\n\n- `id`\n- `region` (optionally with `min_vcpu_count`, `min_ram_mb`, `min_disk_gb`)\n',
    );
    expect(page).toMatch(/\| `id` \| `string` \| Optional, read when omitted \|/);
    expect(page).toMatch(/\| `monthly_cost_usd` \| `number` \| Read-only \|/);
    expect(pages['docs/reference/data-sources/lightyear_region.md']).not.toContain('## Look-up');
  });

  it('spells types as users write them, never in the wire form', () => {
    for (const page of Object.values(pages)) {
      expect(page).not.toMatch(/`"string"`|\["(set|list|map)"/);
    }
    expect(pages['docs/reference/provider.md']).toContain('| `api_key` | `string` |');
    expect(pages['docs/reference/data-sources/lightyear_plan.md']).toContain(
      '| `regions` | `set of string` |',
    );
  });

  it('refuses to generate a page without an example', () => {
    const generate = () =>
      generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, { resources: {}, dataSources: {} });
    expect(generate).toThrow(MissingExampleError);
    expect(generate).toThrow(
      'lightyear_ssh_key has no example: write docs/examples/resources/lightyear_ssh_key.tf',
    );
    const withoutDataSources = () =>
      generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, { ...examples, dataSources: {} });
    expect(withoutDataSources).toThrow(
      'lightyear_region has no example: write docs/examples/data-sources/lightyear_region.tf',
    );
  });
});
