import { planChange } from '../../../src/provider/framework/plan';
import type { BlockSchema } from '../../../src/provider/framework/schema';
import { ctyBool, ctyString, UNKNOWN, Unknown } from '../../../src/provider/protocol/values';

const schema: BlockSchema = {
  version: 0,
  description: 'test',
  attributes: {
    id: { type: ctyString, description: '', computed: true, useStateForUnknown: true },
    name: { type: ctyString, description: '', required: true },
    key: { type: ctyString, description: '', required: true, requiresReplace: true },
    updated_at: { type: ctyString, description: '', computed: true },
    enabled: { type: ctyBool, description: '', optional: true, computed: true, default: true },
  },
};

const prior = { id: 'x1', name: 'a', key: 'k', updated_at: 't1', enabled: true };
const config = (over: Record<string, unknown> = {}) => ({
  id: null,
  name: 'a',
  key: 'k',
  updated_at: null,
  enabled: null,
  ...over,
});

describe('planChange', () => {
  it('plans unknowns for computed attributes on create, and defaults where given', () => {
    const { planned, requiresReplace } = planChange(schema, null, config(), config());
    expect(planned).toEqual({ id: UNKNOWN, name: 'a', key: 'k', updated_at: UNKNOWN, enabled: true });
    expect(requiresReplace).toEqual([]);
  });

  it('plans no change at all when nothing differs', () => {
    const proposed = { ...prior };
    const { planned, requiresReplace } = planChange(schema, prior, proposed, config());
    expect(planned).toEqual(prior);
    expect(requiresReplace).toEqual([]);
  });

  it('on an in-place update keeps use-state-for-unknown values and marks other computed ones unknown', () => {
    const { planned, requiresReplace } = planChange(
      schema,
      prior,
      { ...prior, name: 'b' },
      config({ name: 'b' }),
    );
    expect(planned).toMatchObject({ id: 'x1', name: 'b', enabled: true });
    expect(planned!.updated_at).toBeInstanceOf(Unknown);
    expect(requiresReplace).toEqual([]);
  });

  it('asks for replacement when a requires-replace attribute changes or becomes unknown', () => {
    expect(planChange(schema, prior, { ...prior, key: 'k2' }, config({ key: 'k2' })).requiresReplace).toEqual(
      [['key']],
    );
    expect(
      planChange(schema, prior, { ...prior, key: UNKNOWN }, config({ key: UNKNOWN })).requiresReplace,
    ).toEqual([['key']]);
  });

  it('never rewrites a configured value', () => {
    const { planned } = planChange(schema, prior, { ...prior, enabled: false }, config({ enabled: false }));
    expect(planned!.enabled).toBe(false);
  });

  it('plans destruction as null', () => {
    expect(planChange(schema, prior, null, null)).toEqual({ planned: null, requiresReplace: [] });
  });
});
