import path from 'node:path';
import { generateReferenceDocs, MissingExampleError } from '../../src/codegen/docs';
import { readReferenceExamples } from '../../src/codegen/reference-examples';
import { lightyearProvider, PROVIDER_SOURCE } from '../../src/provider/provider';

const examples = readReferenceExamples(path.resolve(__dirname, '..', '..'));

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

  it('spells types as users write them, never in the wire form', () => {
    for (const page of Object.values(pages)) {
      expect(page).not.toMatch(/`"string"`|\["(set|list|map)"/);
    }
    expect(pages['docs/reference/provider.md']).toContain('| `api_key` | `string` |');
  });

  it('refuses to generate a page without an example', () => {
    const generate = () => generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, {});
    expect(generate).toThrow(MissingExampleError);
    expect(generate).toThrow(
      'lightyear_ssh_key has no example: write docs/examples/resources/lightyear_ssh_key.tf',
    );
  });
});
