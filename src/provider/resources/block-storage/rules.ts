import { blockSizeProblem, NAME_LIMITS, nameProblem, type SpellingProblem } from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's own rules for a block storage volume (src/spelling), as the provider's validators and
 * equivalence: judged at validate time, so a value the API would refuse never reaches an apply.
 */

export function said(problem: SpellingProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}

export function checkBlockLabel(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = said(nameProblem(value, NAME_LIMITS.blockLabel));
  return problem === undefined ? undefined : `label ${problem}`;
}

export function checkBlockSize(value: Value): string | undefined {
  if (typeof value !== 'number') return undefined;
  const problem = said(blockSizeProblem(value));
  return problem === undefined ? undefined : `size_gb ${problem}`;
}

export function checkRegionSpelling(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^[a-z0-9-]{1,32}$/i.test(value.trim())
    ? undefined
    : `region must be a region id such as "ams" (got ${JSON.stringify(value)}); \`npx lyctl region list\` lists them`;
}

/** The region id as the API takes it: `" AMS "` and `"ams"` are one region. */
export function canonicalRegion(region: string): string {
  return region.trim().toLowerCase();
}

export function sameRegion(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && canonicalRegion(a) === canonicalRegion(b);
}

/** The API trims labels, so `" data "` and `"data"` are one label. */
export function sameLabel(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
}
