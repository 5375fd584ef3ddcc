import type { CtyType } from '../provider/protocol/values';

/**
 * A Terraform type as users write and read it in documentation: `string`, `set of string`,
 * `map of number`, `object({ name = string, port = number })`. The wire form (`["set","string"]`) is
 * Terraform's business, not theirs.
 */
export function typeInWords(type: CtyType): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${typeInWords(type.element)}`;
    case 'object': {
      const optional = new Set(type.optional ?? []);
      const fields = Object.keys(type.attributes)
        .sort()
        .map((name) => {
          const inner = typeInWords(type.attributes[name]!);
          return `${name} = ${optional.has(name) ? `optional(${inner})` : inner}`;
        });
      return `object({ ${fields.join(', ')} })`;
    }
    case 'tuple':
      return `tuple([${type.elements.map(typeInWords).join(', ')}])`;
  }
}
