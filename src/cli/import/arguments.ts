import type { AttributeSchema, ObjectSchema } from '../../provider/framework/schema';
import {
  DynamicValue,
  Unknown,
  type CtyType,
  type ObjectValue,
  type Value,
} from '../../provider/protocol/values';
import { ObjectExpression, type BlockExpression, type Expression } from './expression';

/**
 * The configuration a person would write for an object, taken from its state as the provider reads it and
 * driven by the resource's schema alone: arguments (required or optional, computed-only attributes never),
 * without optional values that are absent or equal to the schema's default, blocks without Terraform-only
 * ones (`timeouts`). A new attribute in the provider is therefore written here with no change to lyctl.
 */

/** Turns a string found in the state into what the output says instead (a reference), or keeps it. */
export type StringResolver = (attributePath: readonly string[], value: string) => Expression;

export interface ConfiguredObject {
  readonly attributes: ObjectExpression;
  readonly blocks: readonly BlockExpression[];
}

const keepString: StringResolver = (_path, value) => value;

export function isArgument(schema: AttributeSchema): boolean {
  return schema.required === true || schema.optional === true;
}

/** Deep equality of plain values; sets (arrays here) compare in order, as the provider's defaults are written. */
function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i] as Value));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) || Array.isArray(b)) return false;
    const ak = Object.keys(a);
    const bk = Object.keys(b);
    const ao = a as ObjectValue;
    const bo = b as ObjectValue;
    return ak.length === bk.length && ak.every((k) => k in bo && sameValue(ao[k] as Value, bo[k] as Value));
  }
  return false;
}

/** Whether the argument can be left out: Terraform would plan the same value without it. */
function leftOut(schema: AttributeSchema, value: Value): boolean {
  if (value === null) return true;
  if (schema.required === true) return false;
  if (schema.default !== undefined) return sameValue(value, schema.default);
  // An optional set or list the API reports empty is what leaving it out means.
  return Array.isArray(value) && value.length === 0;
}

function expressionOf(
  schema: AttributeSchema,
  value: Value,
  path: readonly string[],
  resolve: StringResolver,
): Expression {
  if (schema.nested !== undefined) {
    const nested = { attributes: schema.nested.attributes };
    if (schema.nested.nesting === 'single')
      return configuredObject(nested, value as ObjectValue, path, resolve).attributes;
    if (schema.nested.nesting === 'map') {
      const members = new Map<string, Expression>();
      for (const [key, item] of Object.entries(value as ObjectValue))
        members.set(key, configuredObject(nested, item as ObjectValue, path, resolve).attributes);
      return new ObjectExpression(members);
    }
    return (value as readonly Value[]).map(
      (item) => configuredObject(nested, item as ObjectValue, path, resolve).attributes,
    );
  }
  return plainExpression(value, path, resolve, schema.type);
}

function plainExpression(
  value: Value,
  path: readonly string[],
  resolve: StringResolver,
  type: CtyType | undefined,
): Expression {
  if (typeof value === 'string') return resolve(path, value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) {
    const element = type !== undefined && 'element' in type ? type.element : undefined;
    const items = value.map((item: Value) => plainExpression(item, path, resolve, element));
    // A set has no order: sorted plain strings keep the output the same from one run to the next. A list's
    // order is its meaning and is kept.
    return type?.kind === 'set' && items.every((i) => typeof i === 'string')
      ? [...(items as string[])].sort()
      : items;
  }
  if (value instanceof DynamicValue) return plainExpression(value.value, path, resolve, value.type);
  if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
    const members = new Map<string, Expression>();
    for (const [key, item] of Object.entries(value as ObjectValue))
      if (item !== null)
        members.set(key, plainExpression(item, [...path, key], resolve, memberType(type, key)));
    return new ObjectExpression(members);
  }
  throw new Error(`cannot write the value at ${path.join('.')}: it is not known`);
}

function memberType(type: CtyType | undefined, key: string): CtyType | undefined {
  if (type?.kind === 'map') return type.element;
  if (type?.kind === 'object') return type.attributes[key];
  return undefined;
}

/** The arguments and blocks of `state` under `schema`, in the schema's order. */
export function configuredObject(
  schema: ObjectSchema,
  state: ObjectValue,
  path: readonly string[] = [],
  resolve: StringResolver = keepString,
): ConfiguredObject {
  const members = new Map<string, Expression>();
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (!isArgument(attribute)) continue;
    const value = state[name] ?? null;
    if (leftOut(attribute, value)) continue;
    members.set(name, expressionOf(attribute, value, [...path, name], resolve));
  }
  const blocks: BlockExpression[] = [];
  for (const [name, block] of Object.entries(schema.blocks ?? {})) {
    // Terraform-only settings (timeouts) are not part of the remote object: nothing to import.
    if (block.terraformOnly === true) continue;
    const value = state[name] ?? null;
    if (value === null) continue;
    const items = (block.nesting === 'single' ? [value] : (value as readonly Value[])) as ObjectValue[];
    if (items.length === 0) continue;
    blocks.push({
      name,
      items: items.map((item) => {
        const inner = configuredObject(block, item, [...path, name], resolve);
        // Blocks inside blocks are rare in this provider; written as nested objects they would be wrong HCL.
        if (inner.blocks.length > 0) throw new Error(`nested blocks in ${[...path, name].join('.')}`);
        return inner.attributes;
      }),
    });
  }
  return { attributes: new ObjectExpression(members), blocks };
}

/** Sensitive attributes the state has no value for: what an import cannot bring, to say so in the output. */
export function unreadableSecrets(schema: ObjectSchema, state: ObjectValue): string[] {
  return Object.entries(schema.attributes)
    .filter(([name, attribute]) => attribute.sensitive === true && (state[name] ?? null) === null)
    .map(([name]) => name);
}
