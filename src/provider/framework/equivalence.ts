import { isObjectValue, Unknown, valuesEqual, type ObjectValue, type Value } from '../protocol/values';
import type { AttributeSchema, BlockSchema, EquivalenceContext, Nesting, ObjectSchema } from './schema';
import { attributeType, blockType, objectTypeOf } from './schema-walker';

/**
 * Semantic equality: whether two spellings mean the same thing, by the schema's own `equivalent` predicates.
 * Applied after create, read and update (`keepEquivalent`) and when planning (an equivalent configured
 * spelling is planned as the prior value), as terraform-plugin-framework does after read and apply.
 */

const NO_CONTEXT: EquivalenceContext = { a: null, b: null };

/**
 * Whether two values of an attribute mean the same. Unknown is equivalent to nothing. `within`: the objects
 * holding `a` and `b`, for predicates that depend on a sibling attribute.
 */
export function attributeEquivalent(
  s: AttributeSchema,
  a: Value,
  b: Value,
  within: EquivalenceContext = NO_CONTEXT,
): boolean {
  if (valuesEqual(a, b, attributeType(s))) return true;
  if (a === null || b === null || a instanceof Unknown || b instanceof Unknown) return false;
  if (s.equivalent) return s.equivalent(a, b, within);
  if (s.nested) return elementsEquivalent(s.nested.nesting, s.nested, a, b);
  return false;
}

function blockEquivalent(b: BlockSchema, x: Value, y: Value): boolean {
  if (valuesEqual(x, y, blockType(b))) return true;
  if (x === null || y === null || x instanceof Unknown || y instanceof Unknown) return false;
  return elementsEquivalent(b.nesting, b, x, y);
}

/** Member by member; for sets, every element of each side has an equivalent on the other (duplicates fold). */
function elementsEquivalent(nesting: Nesting, schema: ObjectSchema, a: Value, b: Value): boolean {
  const eq = (x: Value, y: Value) => isObjectValue(x) && isObjectValue(y) && objectEquivalent(schema, x, y);
  if (nesting === 'single') return eq(a, b);
  if (nesting === 'map') {
    if (!isObjectValue(a) || !isObjectValue(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && eq(a[k]!, b[k]!));
  }
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const xs = a as readonly Value[];
  const ys = b as readonly Value[];
  if (nesting === 'list') return xs.length === ys.length && xs.every((x, i) => eq(x, ys[i]!));
  return setsCover(xs, ys, eq);
}

export function objectEquivalent(schema: ObjectSchema, a: ObjectValue, b: ObjectValue): boolean {
  for (const [name, s] of Object.entries(schema.attributes))
    if (!attributeEquivalent(s, a[name] ?? null, b[name] ?? null, { a, b })) return false;
  for (const [name, bl] of Object.entries(schema.blocks ?? {}))
    if (!blockEquivalent(bl, a[name] ?? null, b[name] ?? null)) return false;
  return true;
}

/** Each element of either side has an equivalent element on the other. */
export function setsCover(
  xs: readonly Value[],
  ys: readonly Value[],
  eq: (x: Value, y: Value) => boolean,
): boolean {
  return xs.every((x) => ys.some((y) => eq(x, y))) && ys.every((y) => xs.some((x) => eq(x, y)));
}

/**
 * Lifts an element predicate to a whole set or list of primitives: `equivalent: eachElement(sameCidr)` makes
 * `["::0/0", "0.0.0.0/0"]` the same as `["0.0.0.0/0", "::/0"]`.
 */
export function eachElement(eq: (x: Value, y: Value) => boolean): (a: Value, b: Value) => boolean {
  return (a, b) =>
    Array.isArray(a) &&
    Array.isArray(b) &&
    setsCover(a as Value[], b as Value[], (x, y) => x === y || eq(x, y));
}

/**
 * `fresh` (what the API says now) with the spelling of `keep` (what the user wrote, as planned or in state)
 * wherever the two mean the same, so Terraform never sees a configured value change after apply, nor a diff
 * on refresh, for a mere spelling. Members are kept one by one where a whole value is not; a set keeps each
 * element the API still has in an equivalent spelling.
 */
export function keepEquivalent(
  schema: ObjectSchema,
  keep: ObjectValue | null,
  fresh: ObjectValue,
): ObjectValue {
  if (keep === null) return fresh;
  const out: Record<string, Value> = { ...fresh };
  for (const [name, s] of Object.entries(schema.attributes)) {
    const k = keep[name] ?? null;
    const f = fresh[name] ?? null;
    if (k instanceof Unknown || k === null) continue;
    if (attributeEquivalent(s, k, f, { a: keep, b: fresh })) out[name] = k;
    else if (s.nested) out[name] = keepElements(s.nested.nesting, s.nested, k, f);
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const k = keep[name] ?? null;
    const f = fresh[name] ?? null;
    if (k instanceof Unknown || k === null) continue;
    // Terraform-only blocks (timeouts) live in the configuration and the state, never in the API: what the
    // plan or the state held is what the resource holds, whatever an operation returned.
    if ('terraformOnly' in b && b.terraformOnly === true) {
      out[name] = k;
      continue;
    }
    out[name] = blockEquivalent(b, k, f) ? k : keepElements(b.nesting, b, k, f);
  }
  return out;
}

function keepElements(nesting: Nesting, schema: ObjectSchema, keep: Value, fresh: Value): Value {
  if (fresh === null || fresh instanceof Unknown) return fresh;
  if (nesting === 'single')
    return isObjectValue(keep) && isObjectValue(fresh) ? keepEquivalent(schema, keep, fresh) : fresh;
  if (nesting === 'map') {
    if (!isObjectValue(keep) || !isObjectValue(fresh)) return fresh;
    const out: Record<string, Value> = {};
    for (const [key, f] of Object.entries(fresh)) {
      const k = keep[key];
      out[key] = k !== undefined && isObjectValue(k) && isObjectValue(f) ? keepEquivalent(schema, k, f) : f;
    }
    return out;
  }
  if (!Array.isArray(keep) || !Array.isArray(fresh)) return fresh;
  const ks = keep as readonly Value[];
  const fs = fresh as readonly Value[];
  if (nesting === 'list')
    return fs.map((f, i) => {
      const k = ks[i];
      return k !== undefined && isObjectValue(k) && isObjectValue(f) ? keepEquivalent(schema, k, f) : f;
    });
  // A set: each fresh element in the user's spelling when one of theirs means it; never two spellings of one.
  const out: Value[] = [];
  const type = objectTypeOf(schema);
  for (const f of fs) {
    const k = ks.find((x) => isObjectValue(x) && isObjectValue(f) && objectEquivalent(schema, x, f));
    const chosen = k ?? f;
    if (!out.some((o) => valuesEqual(o, chosen, type))) out.push(chosen);
  }
  return out;
}
