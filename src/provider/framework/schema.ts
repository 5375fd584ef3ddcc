import type { CtyType, ObjectValue, Value } from '../protocol/values';
import type { PlanModifier } from './plan-modifiers';

/**
 * How a resource, data source or the provider describes its values, as a tree: attributes (primitive or
 * nested objects) and blocks. One description drives everything: the tfplugin6 schema Terraform sees,
 * validation, the plan engine, semantic equality, the docs and (through Terraform's own schema output) the
 * CDKTF bindings. `schema-walker.ts` is the one place that walks it together with a value.
 */

/** How nested objects repeat: one object, an ordered list, an unordered set, or a map by string key. */
export type Nesting = 'single' | 'list' | 'set' | 'map';

interface AttributeBase {
  /** Markdown; shown in docs and in the generated bindings. */
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** Redacted in plans and CLI output; still stored in state, as Terraform does for any sensitive value. */
  readonly sensitive?: boolean;
  readonly deprecated?: string;
  /** For optional+computed attributes: the value planned when the configuration leaves it out. */
  readonly default?: Value;
  /**
   * Checks a known, non-null configured value at validate time (no API call); returns why it is refused, said
   * so the user can fix it, or undefined.
   */
  readonly validate?: (value: Value) => string | undefined;
  /** Run in order during planning; see plan-modifiers.ts (`requiresReplace()`, `useStateForUnknown()`). */
  readonly planModifiers?: readonly PlanModifier[];
  /**
   * Whether two known, non-null values mean the same thing although spelled differently (`::0/0` and `::/0`;
   * a key with and without the trailing newline `file()` leaves). Where they do, the user's spelling is kept:
   * in state after create, read and update, and in plans — so an equivalent spelling never diffs and never
   * forces a replacement. Nested attributes compare member by member (sets element by element) without it.
   * `within` holds the objects the two values belong to, for rules that depend on a sibling attribute (a DNS
   * record's data is a host name or free text depending on its `type`); either may be null when not known.
   */
  readonly equivalent?: (a: Value, b: Value, within: EquivalenceContext) => boolean;
}

/** The objects holding the two values an `equivalent` predicate compares (same order as the values). */
export interface EquivalenceContext {
  readonly a: ObjectValue | null;
  readonly b: ObjectValue | null;
}

export interface PrimitiveAttribute extends AttributeBase {
  /** string, number, bool, or a list/set/map of them. */
  readonly type: CtyType;
  readonly nested?: undefined;
}

export interface NestedAttribute extends AttributeBase {
  readonly type?: undefined;
  /** tfplugin6 `nested_type`: objects with attributes of their own. */
  readonly nested: { readonly nesting: Nesting; readonly attributes: Attributes };
}

export type AttributeSchema = PrimitiveAttribute | NestedAttribute;
export type Attributes = Readonly<Record<string, AttributeSchema>>;

/** A nested block (`timeouts { ... }`): written as a block in HCL, never computed as a whole. */
export interface BlockSchema {
  readonly nesting: 'single' | 'list' | 'set';
  readonly description: string;
  readonly attributes: Attributes;
  readonly blocks?: Blocks;
  readonly minItems?: number;
  readonly maxItems?: number;
  /**
   * Settings for Terraform's side only (`timeouts`), with no meaning for the remote object: a difference in
   * them alone is no change to plan (after an import, state has none), so the plan stays empty; they are
   * recorded whenever something real changes.
   */
  readonly terraformOnly?: boolean;
}

export type Blocks = Readonly<Record<string, BlockSchema>>;

/** The attributes and blocks of one object: a resource, a nested object or a block's body. */
export interface ObjectSchema {
  readonly attributes: Attributes;
  readonly blocks?: Blocks;
}

/** A whole resource, data source or provider configuration. */
export interface ResourceSchema extends ObjectSchema {
  /** Bump when the state shape changes, and give the resource an `upgradeState` for older versions. */
  readonly version: number;
  readonly description: string;
}

export class SchemaDefinitionError extends Error {
  readonly code = 'schema_invalid';
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Catches contradictions in a schema description before Terraform does, with a message that names them. */
export function assertValidSchema(name: string, schema: ObjectSchema): void {
  checkObject(name, schema, false);
}

/**
 * A data source is read, never planned: plan modifiers, defaults and equivalences would silently do nothing,
 * so they are refused here, as is a block (look-up arguments are attributes).
 */
export function assertValidDataSourceSchema(name: string, schema: ObjectSchema): void {
  checkObject(name, schema, false);
  if (Object.keys(schema.blocks ?? {}).length > 0)
    throw new SchemaDefinitionError(`${name}: a data source takes attributes only, no blocks`);
  for (const [attr, s] of Object.entries(schema.attributes)) {
    if (s.planModifiers?.length || s.default !== undefined || s.equivalent !== undefined)
      throw new SchemaDefinitionError(
        `${name}.${attr}: data sources are not planned: no plan modifiers, defaults or equivalences`,
      );
  }
}

function checkObject(where: string, schema: ObjectSchema, inSet: boolean): void {
  for (const [attr, s] of Object.entries(schema.attributes))
    checkAttribute(`${where}.${attr}`, attr, s, inSet);
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const at = `${where}.${name}`;
    if (!NAME.test(name)) throw new SchemaDefinitionError(`${at}: not a valid block name`);
    if (name in schema.attributes) throw new SchemaDefinitionError(`${at}: both an attribute and a block`);
    if (b.nesting === 'single' && b.maxItems !== undefined && b.maxItems > 1)
      throw new SchemaDefinitionError(`${at}: a single block has at most one item`);
    if (b.minItems !== undefined && b.maxItems !== undefined && b.minItems > b.maxItems)
      throw new SchemaDefinitionError(`${at}: minItems exceeds maxItems`);
    checkObject(at, b, inSet || b.nesting === 'set');
  }
}

function checkAttribute(where: string, name: string, s: AttributeSchema, inSet: boolean): void {
  if (!NAME.test(name)) throw new SchemaDefinitionError(`${where}: not a valid attribute name`);
  if (!s.required && !s.optional && !s.computed)
    throw new SchemaDefinitionError(`${where}: must be required, optional or computed`);
  if (s.required && (s.optional || s.computed))
    throw new SchemaDefinitionError(`${where}: required excludes optional and computed`);
  if (s.default !== undefined && !(s.optional && s.computed))
    throw new SchemaDefinitionError(`${where}: a default needs optional and computed`);
  // In a set the whole element is its identity: a member the provider fills in would make every element
  // "different" after apply (terraform-plugin-framework issues #302, #898). Set elements are configured whole.
  if (inSet && (s.computed || s.default !== undefined))
    throw new SchemaDefinitionError(`${where}: members of set elements cannot be computed`);
  if ((s.type === undefined) === (s.nested === undefined))
    throw new SchemaDefinitionError(`${where}: exactly one of type and nested`);
  if (s.nested) {
    if (Object.keys(s.nested.attributes).length === 0)
      throw new SchemaDefinitionError(`${where}: a nested attribute needs attributes`);
    for (const [member, m] of Object.entries(s.nested.attributes))
      checkAttribute(`${where}.${member}`, member, m, inSet || s.nested.nesting === 'set');
  }
}
