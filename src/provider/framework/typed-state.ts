import { isObjectValue, Unknown, type ObjectValue, type Value } from '../protocol/values';
import type { ResourceSchema } from './schema';
import type { StateOf } from './schema-builder';

/**
 * A value of a schema as its inferred TypeScript type, for a resource's model to read without casts:
 * unknowns (values Terraform will know only after apply) read as null, big integers as numbers.
 */
export function readState<S extends ResourceSchema>(_schema: S, value: ObjectValue): StateOf<S> {
  return plain(value) as StateOf<S>;
}

function plain(v: Value): unknown {
  if (v instanceof Unknown) return null;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return (v as readonly Value[]).map(plain);
  if (isObjectValue(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

/** The other way: a model's typed state as a value for the framework. */
export function toValue<S extends ResourceSchema>(_schema: S, state: StateOf<S>): ObjectValue {
  return state as unknown as ObjectValue;
}
