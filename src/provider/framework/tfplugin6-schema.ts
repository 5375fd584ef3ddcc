import { StringKind, type Schema, type SchemaAttribute } from '../protocol/tfplugin6';
import { ctyObject, typeToBytes, type CtyType } from '../protocol/values';
import type { BlockSchema } from './schema';

/** The schema as Terraform receives it in GetProviderSchema. */
export function toTfplugin6Schema(schema: BlockSchema): Schema {
  const attributes: SchemaAttribute[] = Object.entries(schema.attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => ({
      name,
      type: typeToBytes(s.type),
      description: s.description,
      descriptionKind: StringKind.MARKDOWN,
      required: s.required ?? false,
      optional: s.optional ?? false,
      computed: s.computed ?? false,
      sensitive: s.sensitive ?? false,
      deprecated: s.deprecated !== undefined,
    }));
  return {
    version: schema.version,
    block: {
      version: schema.version,
      attributes,
      blockTypes: [],
      description: schema.description,
      descriptionKind: StringKind.MARKDOWN,
    },
  };
}

/** The object type of a whole block: what its DynamicValues decode to. */
export function objectTypeOf(schema: BlockSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, s] of Object.entries(schema.attributes)) attributes[name] = s.type;
  return ctyObject(attributes);
}
