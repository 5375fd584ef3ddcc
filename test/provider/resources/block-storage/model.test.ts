import type { Block } from '../../../../src/api';
import {
  createRequestFrom,
  stateFromApi,
  updateRequestFrom,
} from '../../../../src/provider/resources/block-storage/model';
import {
  checkBlockLabel,
  checkBlockSize,
  checkRegionSpelling,
  sameLabel,
  sameRegion,
} from '../../../../src/provider/resources/block-storage/rules';
import { blockRegionProblem } from '../../../../src/provider/resources/block-storage/regions';
import type { ObjectValue } from '../../../../src/provider/protocol/values';

const block: Block = {
  id: 'blk_1',
  label: 'data',
  region: 'ams',
  size_gb: 20,
  status: 'active',
  attached_to_instance_id: null,
  created_at: '2026-01-01T00:00:00Z',
};

const value = (over: Partial<Record<string, unknown>> = {}): ObjectValue =>
  ({ ...stateFromApi(block, null), ...over }) as ObjectValue;

describe('block storage model', () => {
  it('sends the label trimmed and the region lower-case, as the API stores them', () => {
    expect(createRequestFrom(value({ label: ' data\n', region: 'AMS' }))).toEqual({
      region: 'ams',
      size_gb: 20,
      label: 'data',
    });
  });

  it('updates only what changed: a grow sends no label, a relabel no size, a respelling nothing', () => {
    expect(updateRequestFrom(value(), value({ size_gb: 40 }))).toEqual({ size_gb: 40 });
    expect(updateRequestFrom(value(), value({ label: 'logs' }))).toEqual({ label: 'logs' });
    expect(updateRequestFrom(value(), value({ label: ' data ' }))).toBeUndefined();
  });

  it('maps every API field, keeping the timeouts Terraform was given', () => {
    expect(
      stateFromApi({ ...block, attached_to_instance_id: 'inst_9' }, { create: '1m', delete: null }),
    ).toEqual({
      ...block,
      attached_to_instance_id: 'inst_9',
      timeouts: { create: '1m', delete: null },
    });
  });
});

describe('block storage rules', () => {
  it('judges labels and sizes by the API rules, naming the attribute', () => {
    expect(checkBlockLabel('data')).toBeUndefined();
    expect(checkBlockLabel('   ')).toMatch(/^label must not be empty/);
    expect(checkBlockSize(10)).toBeUndefined();
    expect(checkBlockSize(5)).toMatch(/^size_gb must be between 10 and 10000 GB/);
    expect(checkBlockSize(12.5)).toMatch(/whole number/);
  });

  it('takes region ids in any case, and refuses what cannot be one', () => {
    expect(checkRegionSpelling('AMS')).toBeUndefined();
    expect(checkRegionSpelling('ams region')).toMatch(/region id such as "ams"/);
    expect(sameRegion('AMS', 'ams')).toBe(true);
    expect(sameRegion('ams', 'fra')).toBe(false);
    expect(sameLabel(' data ', 'data')).toBe(true);
  });

  it('says which regions offer block storage when one does not', () => {
    const regions = [
      { id: 'ams', city: 'Amsterdam', country: 'NL', features: ['block_storage' as const] },
      { id: 'syd', city: 'Sydney', country: 'AU', features: [] },
    ];
    expect(blockRegionProblem(regions, 'ams')).toBeUndefined();
    expect(blockRegionProblem(regions, 'syd')).toBe(
      'region syd (Sydney) offers no block storage; block storage is offered in ams.',
    );
    expect(blockRegionProblem(regions, 'mars')).toMatch(/^"mars" is not a LightYear region/);
  });
});
