import { planChange } from '../../../src/provider/framework/plan';
import { requiresReplace, useStateForUnknown } from '../../../src/provider/framework/plan-modifiers';
import { attr, resourceSchema } from '../../../src/provider/framework/schema-builder';
import { UNKNOWN, Unknown } from '../../../src/provider/protocol/values';

const schema = resourceSchema({
  version: 0,
  description: 'test',
  attributes: {
    id: attr.string({ description: '', computed: true, planModifiers: [useStateForUnknown()] }),
    name: attr.string({ description: '', required: true }),
    key: attr.string({ description: '', required: true, planModifiers: [requiresReplace()] }),
    updated_at: attr.string({ description: '', computed: true }),
    enabled: attr.bool({ description: '', optional: true, computed: true, default: true }),
    settings: attr.single(
      {
        mode: attr.string({ description: '', optional: true }),
        resolved: attr.string({ description: '', computed: true }),
      },
      { description: '', optional: true },
    ),
  },
});

const prior = {
  id: 'x1',
  name: 'a',
  key: 'k',
  updated_at: 't1',
  enabled: true,
  settings: { mode: 'fast', resolved: 'r1' },
};
const config = (over: Record<string, unknown> = {}) => ({
  id: null,
  name: 'a',
  key: 'k',
  updated_at: null,
  enabled: null,
  settings: { mode: 'fast', resolved: null },
  ...over,
});

describe('planChange', () => {
  it('plans unknowns for computed attributes on create, nested ones included, and defaults where given', () => {
    const { planned, requiresReplace } = planChange(schema, null, config(), config());
    expect(planned).toEqual({
      id: UNKNOWN,
      name: 'a',
      key: 'k',
      updated_at: UNKNOWN,
      enabled: true,
      settings: { mode: 'fast', resolved: UNKNOWN },
    });
    expect(requiresReplace).toEqual([]);
  });

  it('plans no change at all when nothing differs', () => {
    const result = planChange(schema, prior, { ...prior }, config());
    expect(result).toEqual({ planned: prior, requiresReplace: [], keptPriorSpelling: false });
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
    expect((planned!.settings as Record<string, unknown>).resolved).toBeInstanceOf(Unknown);
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
    expect(planChange(schema, prior, null, null)).toEqual({
      planned: null,
      requiresReplace: [],
      keptPriorSpelling: false,
    });
  });
});
