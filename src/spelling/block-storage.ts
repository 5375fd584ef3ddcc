import type { SpellingProblem } from './errors';

/** The sizes a block storage volume may have, in whole GB: the API's limits, shared by every layer. */
export const BLOCK_SIZE_GB = { min: 10, max: 10000 } as const;

/** What is wrong with a volume size, or undefined when the API accepts it. */
export function blockSizeProblem(sizeGb: number): SpellingProblem | undefined {
  if (!Number.isInteger(sizeGb)) {
    return {
      code: 'block_size_not_whole',
      reason: `must be a whole number of GB (got ${sizeGb})`,
      fix: `write ${Math.ceil(sizeGb)}`,
    };
  }
  if (sizeGb < BLOCK_SIZE_GB.min || sizeGb > BLOCK_SIZE_GB.max) {
    return {
      code: 'block_size_out_of_range',
      reason: `must be between ${BLOCK_SIZE_GB.min} and ${BLOCK_SIZE_GB.max} GB (got ${sizeGb})`,
    };
  }
  return undefined;
}

/**
 * A volume only grows: shrinking it would cut off the file system on it, so the API refuses a smaller size
 * and no tool should plan one as a silent destroy-and-recreate that loses the data.
 */
export function blockResizeProblem(currentGb: number, nextGb: number): SpellingProblem | undefined {
  if (nextGb >= currentGb) return undefined;
  return {
    code: 'block_size_shrink',
    reason: `must be at least the current size of ${currentGb} GB (a volume only grows; ${nextGb} GB would shrink it)`,
    fix: `keep ${currentGb} or more; to start over with a smaller volume, create a new one and move the data`,
  };
}
