import {
  ctyList,
  ctyMap,
  ctyObject,
  ctySet,
  isObjectValue,
  Unknown,
  type CtyType,
  type ObjectValue,
  type Value,
} from '../protocol/values';
import type { Path } from './diagnostics';
import type { AttributeSchema, BlockSchema, ObjectSchema } from './schema';

/**
 * The one walker of schema trees. Validation, unknown checks, the wire types and the docs all go through it,
 * so nested attributes and blocks behave the same everywhere.
 */

export interface AttributeVisit {
  readonly kind: 'attribute';
  readonly path: Path;
  readonly schema: AttributeSchema;
  readonly value: Value;
}

export interface BlockVisit {
  readonly kind: 'block';
  readonly path: Path;
  readonly schema: BlockSchema;
  readonly value: Value;
}

export type Visit = AttributeVisit | BlockVisit;

/**
 * Visits every attribute and block of `value` in schema order, then the members of each known nested object.
 * Paths address elements of lists (index) and maps (key); set elements have no address in Terraform's
 * attribute paths, so their members are visited with the set's own path.
 */
export function walkValue(
  schema: ObjectSchema,
  value: ObjectValue | null,
  visit: (v: Visit) => void,
  path: Path = [],
): void {
  for (const [name, s] of Object.entries(schema.attributes)) {
    const v = value?.[name] ?? null;
    const at = [...path, name];
    visit({ kind: 'attribute', path: at, schema: s, value: v });
    if (s.nested) walkElements(s.nested.nesting, s.nested, v, at, visit);
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const v = value?.[name] ?? null;
    const at = [...path, name];
    visit({ kind: 'block', path: at, schema: b, value: v });
    walkElements(b.nesting, b, v, at, visit);
  }
}

function walkElements(
  nesting: string,
  schema: ObjectSchema,
  value: Value,
  path: Path,
  visit: (v: Visit) => void,
): void {
  if (value === null || value instanceof Unknown) return;
  if (nesting === 'single') {
    if (isObjectValue(value)) walkValue(schema, value, visit, path);
  } else if (nesting === 'map') {
    if (isObjectValue(value))
      for (const [key, element] of Object.entries(value))
        if (isObjectValue(element)) walkValue(schema, element, visit, [...path, { key }]);
  } else if (Array.isArray(value)) {
    (value as readonly Value[]).forEach((element, i) => {
      if (isObjectValue(element)) walkValue(schema, element, visit, nesting === 'list' ? [...path, i] : path);
    });
  }
}

/** Every attribute and block of a schema with its path of names, for descriptions of the whole tree. */
export function walkSchema(
  schema: ObjectSchema,
  visit: (v: { path: string[]; attribute?: AttributeSchema; block?: BlockSchema }) => void,
  path: string[] = [],
): void {
  for (const [name, s] of Object.entries(schema.attributes)) {
    visit({ path: [...path, name], attribute: s });
    if (s.nested) walkSchema(s.nested, visit, [...path, name]);
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    visit({ path: [...path, name], block: b });
    walkSchema(b, visit, [...path, name]);
  }
}

/** The cty type of an attribute's value. */
export function attributeType(s: AttributeSchema): CtyType {
  if (!s.nested) return s.type;
  const element = objectTypeOf(s.nested);
  switch (s.nested.nesting) {
    case 'single':
      return element;
    case 'list':
      return ctyList(element);
    case 'set':
      return ctySet(element);
    case 'map':
      return ctyMap(element);
  }
}

/** The cty type of a block's value (an object, or a list or set of them). */
export function blockType(b: BlockSchema): CtyType {
  const element = objectTypeOf(b);
  return b.nesting === 'single' ? element : b.nesting === 'list' ? ctyList(element) : ctySet(element);
}

/** The object type of a whole schema: what its DynamicValues decode to. */
export function objectTypeOf(schema: ObjectSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, s] of Object.entries(schema.attributes)) attributes[name] = attributeType(s);
  for (const [name, b] of Object.entries(schema.blocks ?? {})) attributes[name] = blockType(b);
  return ctyObject(attributes);
}
