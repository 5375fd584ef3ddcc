import { assertValidSchema, SchemaDefinitionError } from '../../../src/provider/framework/schema';
import { attr, block } from '../../../src/provider/framework/schema-builder';
import { toTfplugin6Schema } from '../../../src/provider/framework/tfplugin6-schema';
import { BlockNesting, ObjectNesting } from '../../../src/provider/protocol/tfplugin6';

describe('assertValidSchema', () => {
  it('refuses computed members of set elements, which would make every element differ after apply', () => {
    const schema = {
      attributes: {
        rules: attr.set(
          { id: attr.string({ description: '', computed: true }) },
          { description: '', optional: true },
        ),
      },
    };
    expect(() => assertValidSchema('x', schema)).toThrow(SchemaDefinitionError);
    expect(() => assertValidSchema('x', schema)).toThrow(
      'x.rules.id: members of set elements cannot be computed',
    );
  });

  it('refuses a default without optional+computed, bad names and contradictory block counts', () => {
    expect(() =>
      assertValidSchema('x', {
        attributes: { a: attr.string({ description: '', optional: true, default: 'v' }) },
      }),
    ).toThrow('default needs optional and computed');
    expect(() =>
      assertValidSchema('x', { attributes: { Bad: attr.string({ description: '', optional: true }) } }),
    ).toThrow('not a valid attribute name');
    expect(() =>
      assertValidSchema('x', {
        attributes: {},
        blocks: { b: block.list({ description: '', minItems: 3, maxItems: 1, attributes: {} }) },
      }),
    ).toThrow('minItems exceeds maxItems');
  });
});

describe('toTfplugin6Schema', () => {
  it('sends nested attributes as nested_type and blocks as block_types, sorted by name', () => {
    const schema = toTfplugin6Schema({
      version: 2,
      description: 'd',
      attributes: {
        rules: attr.set(
          { protocol: attr.string({ description: 'p', required: true }) },
          { description: 'r', optional: true },
        ),
        name: attr.string({ description: 'n', required: true }),
      },
      blocks: {
        timeouts: block.single({
          description: 't',
          attributes: { create: attr.string({ description: 'c', optional: true }) },
        }),
      },
    });
    expect(schema.version).toBe(2);
    const [name, rules] = schema.block.attributes!;
    expect(name!.name).toBe('name');
    expect(Buffer.from(name!.type!).toString()).toBe('"string"');
    expect(rules!.name).toBe('rules');
    expect(rules!.type).toBeUndefined();
    expect(rules!.nestedType!.nesting).toBe(ObjectNesting.SET);
    expect(rules!.nestedType!.attributes.map((a) => a.name)).toEqual(['protocol']);
    expect(schema.block.blockTypes).toHaveLength(1);
    expect(schema.block.blockTypes![0]).toMatchObject({ typeName: 'timeouts', nesting: BlockNesting.SINGLE });
  });
});
