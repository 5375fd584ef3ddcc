import { ResourceError } from '../../../src/provider/framework/errors';
import { attr, block, resourceSchema } from '../../../src/provider/framework/schema-builder';
import { attributePath } from '../../../src/provider/resources/api-errors';
import { importById, importComposite } from '../../../src/provider/resources/operations';

const schema = resourceSchema({
  version: 0,
  description: '',
  attributes: {
    id: attr.string({ description: '', computed: true }),
    domain: attr.string({ description: '', required: true }),
    inbound_rules: attr.set(
      { ports: attr.string({ description: '', optional: true }) },
      { description: '', optional: true },
    ),
    disks: attr.list(
      { size_gb: attr.number({ description: '', required: true }) },
      { description: '', optional: true },
    ),
    tags: attr.stringSet({ description: '', optional: true }),
  },
  blocks: {
    timeouts: block.single({
      description: '',
      attributes: { create: attr.string({ description: '', optional: true }) },
    }),
  },
});

describe('API field paths as attribute paths', () => {
  it.each([
    ['domain', ['domain']],
    ['inbound_rules[0].ports', ['inbound_rules']],
    ['disks[1].size_gb', ['disks', 1, 'size_gb']],
    ['tags[3]', ['tags']],
    ['timeouts.create', ['timeouts', 'create']],
    ['nonsense', undefined],
  ])('%s → %j', (field, path) => {
    expect(attributePath(schema, field)).toEqual(path);
  });
});

describe('import ids', () => {
  it('takes an id that fits, as a state holding only it', () => {
    const kind = {
      noun: 'a thing',
      pattern: /^thg_\w+$/,
      example: 'thg_2bX9',
      listCommand: 'npx lyctl thing list',
    };
    expect(importById(schema, 'thg_1', kind)).toEqual({
      id: 'thg_1',
      domain: null,
      inbound_rules: null,
      disks: null,
      tags: null,
      timeouts: null,
    });
    expect(() => importById(schema, 'nope', kind)).toThrow(ResourceError);
    expect(() => importById(schema, 'nope', kind)).toThrow(/thg_2bX9.*npx lyctl thing list/);
  });

  it('splits a composite id into its attributes, or says the form', () => {
    const parts = [
      { attribute: 'domain', pattern: /^[a-z0-9.-]+$/ },
      { attribute: 'id', pattern: /^rec_\w+$/ },
    ];
    expect(importComposite(schema, 'example.com/rec_1', parts, 'example.com/rec_2bX9')).toMatchObject({
      domain: 'example.com',
      id: 'rec_1',
    });
    expect(() => importComposite(schema, 'rec_1', parts, 'example.com/rec_2bX9')).toThrow(
      '"rec_1" is not of the form <domain>/<id>, like example.com/rec_2bX9.',
    );
  });
});
