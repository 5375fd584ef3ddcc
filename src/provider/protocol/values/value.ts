import type { CtyType } from './types';

/**
 * What Terraform knows about a value it cannot know yet. Terraform 1.11 sends "refined" unknowns: a string
 * known to start with a prefix, a value known not to be null, number bounds, collection length bounds.
 * Keeping them lets a plan pass them back, and obliges apply to honour them.
 */
export interface Refinements {
  /** false: definitely not null. */
  readonly nullable?: boolean;
  readonly stringPrefix?: string;
  readonly numberLower?: readonly [number, boolean];
  readonly numberUpper?: readonly [number, boolean];
  readonly lengthMin?: number;
  readonly lengthMax?: number;
}

export class Unknown {
  constructor(readonly refinements: Refinements = {}) {}
  get isRefined(): boolean {
    return Object.keys(this.refinements).length > 0;
  }
}

/** The plain unknown: nothing is known about it. */
export const UNKNOWN = new Unknown();

/** A value of the `dynamic` pseudo-type carries its concrete type alongside. */
export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

/**
 * A Terraform value decoded according to its type:
 * string → string; number → number (or bigint for integers beyond 2^53, so they stay exact); bool → boolean;
 * list/set/tuple → array; map/object → plain record; unknown → Unknown; null → null.
 */
export type Value =
  | null
  | string
  | number
  | bigint
  | boolean
  | Unknown
  | DynamicValue
  | readonly Value[]
  | { readonly [key: string]: Value };

export type ObjectValue = { readonly [key: string]: Value };

export function isUnknown(v: Value): v is Unknown {
  return v instanceof Unknown;
}

export function isNull(v: Value): v is null {
  return v === null;
}

/** True when neither the value nor anything inside it is unknown. */
export function isWhollyKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (v instanceof DynamicValue) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (v !== null && typeof v === 'object') return Object.values(v as ObjectValue).every(isWhollyKnown);
  return true;
}

export function isObjectValue(v: Value): v is ObjectValue {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof DynamicValue)
  );
}
