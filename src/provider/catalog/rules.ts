import { canonicalCatalogId, judge } from '../../spelling';
import type { Value } from '../protocol/values';

/**
 * The validate-time rules of the catalog look-ups (src/spelling/catalog-ids.ts): any case and surrounding
 * blanks are accepted, since `"AMS"` can only mean `ams`; only characters no catalog id holds are refused.
 */
export function checkCatalogId(attribute: string): (value: Value) => string | undefined {
  return (value) => {
    if (typeof value !== 'string') return undefined;
    const verdict = judge(() => canonicalCatalogId(value));
    if (verdict.ok) return undefined;
    const { reason, fix } = verdict.problem;
    return `${attribute} ${reason}${fix === undefined ? '' : `; ${fix}`}`;
  };
}

/** A minimum (`min_ram_mb`): a number of at least 0; 0 asks nothing. */
export function checkMinimum(attribute: string): (value: Value) => string | undefined {
  return (value) => {
    const n = typeof value === 'bigint' ? Number(value) : value;
    if (typeof n !== 'number') return undefined;
    return n >= 0 ? undefined : `${attribute} must be 0 or more (it is ${n})`;
  };
}

/** The catalog id a validated argument names: `" AMS "` → `ams`. */
export function catalogIdOf(text: string): string {
  return canonicalCatalogId(text);
}
