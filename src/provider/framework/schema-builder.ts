import { ctyBool, ctyList, ctyMap, ctyNumber, ctySet, ctyString, type CtyType } from '../protocol/values';
import type {
  Attributes,
  BlockSchema,
  Blocks,
  NestedAttribute,
  Nesting,
  PrimitiveAttribute,
  ResourceSchema,
} from './schema';

/**
 * Typed builders for schema trees, so a resource's state type is inferred from its schema
 * (`StateOf<typeof schema>`) instead of a hand-written interface that can drift from it — as zod infers types.
 *
 *   const schema = resourceSchema({
 *     version: 0, description: '...',
 *     attributes: { name: attr.string({ required: true, description: '...' }), tags: attr.stringSet({...}) },
 *   });
 *   type State = StateOf<typeof schema>;   // { name: string | null; tags: string[] | null }
 */

/** A phantom marker carrying the JavaScript type of an attribute's known value. */
export interface Typed<T> {
  readonly __value?: T;
}

type Options = Omit<PrimitiveAttribute, 'type' | 'nested'>;
type NestedOptions = Omit<NestedAttribute, 'type' | 'nested'>;

/** The JavaScript value of one object of the given attributes and blocks. */
export type ObjectOf<A extends Attributes, B extends Blocks = Record<never, never>> = {
  -readonly [K in keyof A]: ValueOf<A[K]> | null;
} & { -readonly [K in keyof B]: BlockValueOf<B[K]> };

type ValueOf<A> = A extends Typed<infer T> ? T : unknown;

type BlockValueOf<B> = B extends BlockSchema & Typed<infer T> ? T : unknown;

/** The state (with unknowns read as null) of a resource schema built with these builders. */
export type StateOf<S extends ResourceSchema> = ObjectOf<
  S['attributes'],
  NonNullable<S['blocks']> extends Blocks ? NonNullable<S['blocks']> : Record<never, never>
>;

function primitive<T>(type: CtyType, options: Options): PrimitiveAttribute & Typed<T> {
  return { ...options, type };
}

function nested<T>(
  nesting: Nesting,
  attributes: Attributes,
  options: NestedOptions,
): NestedAttribute & Typed<T> {
  return { ...options, nested: { nesting, attributes } };
}

export const attr = {
  string: (o: Options) => primitive<string>(ctyString, o),
  number: (o: Options) => primitive<number>(ctyNumber, o),
  bool: (o: Options) => primitive<boolean>(ctyBool, o),
  stringList: (o: Options) => primitive<string[]>(ctyList(ctyString), o),
  stringSet: (o: Options) => primitive<string[]>(ctySet(ctyString), o),
  stringMap: (o: Options) => primitive<Record<string, string>>(ctyMap(ctyString), o),
  numberSet: (o: Options) => primitive<number[]>(ctySet(ctyNumber), o),
  single: <A extends Attributes>(attributes: A, o: NestedOptions) =>
    nested<ObjectOf<A>>('single', attributes, o),
  list: <A extends Attributes>(attributes: A, o: NestedOptions) =>
    nested<ObjectOf<A>[]>('list', attributes, o),
  set: <A extends Attributes>(attributes: A, o: NestedOptions) => nested<ObjectOf<A>[]>('set', attributes, o),
  map: <A extends Attributes>(attributes: A, o: NestedOptions) =>
    nested<Record<string, ObjectOf<A>>>('map', attributes, o),
};

type BlockOptions<A extends Attributes, B extends Blocks> = Omit<
  BlockSchema,
  'nesting' | 'attributes' | 'blocks'
> & {
  readonly attributes: A;
  readonly blocks?: B;
};

export const block = {
  single: <A extends Attributes, B extends Blocks = Record<never, never>>(o: BlockOptions<A, B>) =>
    ({ ...o, nesting: 'single' }) as BlockSchema & Typed<ObjectOf<A, B> | null>,
  list: <A extends Attributes, B extends Blocks = Record<never, never>>(o: BlockOptions<A, B>) =>
    ({ ...o, nesting: 'list' }) as BlockSchema & Typed<ObjectOf<A, B>[]>,
  set: <A extends Attributes, B extends Blocks = Record<never, never>>(o: BlockOptions<A, B>) =>
    ({ ...o, nesting: 'set' }) as BlockSchema & Typed<ObjectOf<A, B>[]>,
};

/** Identity, for inference: keeps the literal attribute names and their types. */
export function resourceSchema<A extends Attributes, B extends Blocks = Record<never, never>>(schema: {
  readonly version: number;
  readonly description: string;
  readonly attributes: A;
  readonly blocks?: B;
}): ResourceSchema & { readonly attributes: A; readonly blocks?: B } {
  return schema;
}

/**
 * A data source's schema, inferred like `resourceSchema`. Data sources keep no state of their own between runs,
 * so they have no version to upgrade from (always 0) and no blocks: arguments are the look-up, every other
 * attribute is computed. `assertValidDataSourceSchema` refuses what would only mean something in a plan.
 */
export function dataSourceSchema<A extends Attributes>(schema: {
  readonly description: string;
  readonly attributes: A;
}): ResourceSchema & { readonly attributes: A } {
  return { version: 0, ...schema };
}
