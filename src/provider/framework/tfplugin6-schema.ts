import {
  BlockNesting,
  ObjectNesting,
  StringKind,
  type Schema,
  type SchemaAttribute,
  type SchemaBlock,
  type SchemaNestedBlock,
} from '../protocol/tfplugin6';
import { typeToBytes } from '../protocol/values';
import type { Attributes, BlockSchema, Nesting, ObjectSchema, ResourceSchema } from './schema';

export { objectTypeOf } from './schema-walker';

const OBJECT_NESTING: Record<Nesting, ObjectNesting> = {
  single: ObjectNesting.SINGLE,
  list: ObjectNesting.LIST,
  set: ObjectNesting.SET,
  map: ObjectNesting.MAP,
};

const BLOCK_NESTING: Record<BlockSchema['nesting'], BlockNesting> = {
  single: BlockNesting.SINGLE,
  list: BlockNesting.LIST,
  set: BlockNesting.SET,
};

/** The schema as Terraform receives it in GetProviderSchema: nested attributes and blocks included. */
export function toTfplugin6Schema(schema: ResourceSchema): Schema {
  return { version: schema.version, block: toBlock(schema, schema.version, schema.description) };
}

function toBlock(schema: ObjectSchema, version: number, description: string): SchemaBlock {
  return {
    version,
    attributes: toAttributes(schema.attributes),
    blockTypes: Object.entries(schema.blocks ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, b]): SchemaNestedBlock => ({
        typeName: name,
        block: toBlock(b, version, b.description),
        nesting: BLOCK_NESTING[b.nesting],
        minItems: b.minItems ?? 0,
        maxItems: b.maxItems ?? 0,
      })),
    description,
    descriptionKind: StringKind.MARKDOWN,
  };
}

function toAttributes(attributes: Attributes): SchemaAttribute[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => ({
      name,
      ...(s.nested
        ? {
            nestedType: {
              attributes: toAttributes(s.nested.attributes),
              nesting: OBJECT_NESTING[s.nested.nesting],
            },
          }
        : { type: typeToBytes(s.type) }),
      description: s.description,
      descriptionKind: StringKind.MARKDOWN,
      required: s.required ?? false,
      optional: s.optional ?? false,
      computed: s.computed ?? false,
      sensitive: s.sensitive ?? false,
      deprecated: s.deprecated !== undefined,
    }));
}
