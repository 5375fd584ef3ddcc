import { BLOCK_SIZE_GB, blockResizeProblem, blockSizeProblem } from '../../src/spelling/block-storage';

describe('blockSizeProblem', () => {
  it('accepts whole sizes within the API limits, ends included', () => {
    expect(blockSizeProblem(BLOCK_SIZE_GB.min)).toBeUndefined();
    expect(blockSizeProblem(500)).toBeUndefined();
    expect(blockSizeProblem(BLOCK_SIZE_GB.max)).toBeUndefined();
  });

  it('refuses sizes outside the limits, naming them', () => {
    expect(blockSizeProblem(9)).toMatchObject({
      code: 'block_size_out_of_range',
      reason: 'must be between 10 and 10000 GB (got 9)',
    });
    expect(blockSizeProblem(10001)?.code).toBe('block_size_out_of_range');
  });

  it('refuses fractions of a GB with the next whole size as the fix', () => {
    expect(blockSizeProblem(20.5)).toMatchObject({ code: 'block_size_not_whole', fix: 'write 21' });
  });
});

describe('blockResizeProblem', () => {
  it('lets a volume stay or grow', () => {
    expect(blockResizeProblem(20, 20)).toBeUndefined();
    expect(blockResizeProblem(20, 40)).toBeUndefined();
  });

  it('refuses a shrink, saying why and what to do instead', () => {
    const problem = blockResizeProblem(40, 20);
    expect(problem?.code).toBe('block_size_shrink');
    expect(problem?.reason).toContain('current size of 40 GB');
    expect(problem?.reason).toContain('only grows');
    expect(problem?.fix).toContain('40 or more');
  });
});
