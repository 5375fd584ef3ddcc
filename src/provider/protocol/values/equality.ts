import type { CtyType } from './types';
import { DynamicValue, Unknown, type ObjectValue, type Value } from './value';

/**
 * Whether two values are the same for planning purposes: sets ignore order, numbers compare by value
 * whether held as number or bigint, and an unknown equals nothing (not even another unknown), because
 * nothing is known about it yet.
 */
export function valuesEqual(a: Value, b: Value, type: CtyType): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === null || b === null) return a === b;
  switch (type.kind) {
    case 'string':
    case 'bool':
      return a === b;
    case 'number':
      return numbersEqual(a, b);
    case 'list':
    case 'tuple': {
      const xs = a as readonly Value[];
      const ys = b as readonly Value[];
      if (xs.length !== ys.length) return false;
      return xs.every((x, i) =>
        valuesEqual(x, ys[i]!, 'elements' in type ? type.elements[i]! : type.element),
      );
    }
    case 'set': {
      const xs = a as readonly Value[];
      const ys = b as readonly Value[];
      if (xs.length !== ys.length) return false;
      const used = new Set<number>();
      return xs.every((x) => {
        const j = ys.findIndex((y, k) => !used.has(k) && valuesEqual(x, y, type.element));
        if (j < 0) return false;
        used.add(j);
        return true;
      });
    }
    case 'map':
    case 'object': {
      const x = a as ObjectValue;
      const y = b as ObjectValue;
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) {
        const t: CtyType | undefined = 'attributes' in type ? type.attributes[k] : type.element;
        if (t === undefined) return false;
        if (!valuesEqual(x[k] ?? null, y[k] ?? null, t)) return false;
      }
      return true;
    }
    case 'dynamic': {
      if (!(a instanceof DynamicValue) || !(b instanceof DynamicValue)) return false;
      return JSON.stringify(a.type) === JSON.stringify(b.type) && valuesEqual(a.value, b.value, a.type);
    }
  }
}

function numbersEqual(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    if (typeof a === 'number' && !Number.isInteger(a)) return false;
    if (typeof b === 'number' && !Number.isInteger(b)) return false;
    return BigInt(a) === BigInt(b);
  }
  return false;
}
