/**
 * What the framework gives every data source, through the server in-process: the schema checks, exactly-one-of
 * look-up modes at validate (with unknowns deferred) and again before the read, and read errors on the
 * argument that asked.
 */
import { NoMatchError } from '../../../src/provider/framework/lookup-errors';
import { describeLookupMode } from '../../../src/provider/framework/lookup-modes';
import type { DataSourceDefinition } from '../../../src/provider/framework/resource';
import { assertValidDataSourceSchema, SchemaDefinitionError } from '../../../src/provider/framework/schema';
import { attr, block, dataSourceSchema } from '../../../src/provider/framework/schema-builder';
import { requiresReplace } from '../../../src/provider/framework/plan-modifiers';
import { Unknown, type ObjectValue } from '../../../src/provider/protocol/values';
import { configOf, dataSourceHarness, errorsOf } from '../../helpers/framework-harness';

const widgetSchema = dataSourceSchema({
  description: 'A widget, by id or by zone and size.',
  attributes: {
    id: attr.string({ description: 'id', optional: true, computed: true }),
    zone: attr.string({ description: 'zone', optional: true }),
    min_size: attr.number({ description: 'min size', optional: true }),
    size: attr.number({ description: 'size', computed: true }),
  },
});

const WIDGETS = [
  { id: 'w1', zone: 'a', size: 1 },
  { id: 'w2', zone: 'a', size: 5 },
];

function widgetDataSource(reads: ObjectValue[]): DataSourceDefinition<object> {
  return {
    typeName: 'fixture_widget',
    schema: widgetSchema,
    lookupModes: [{ arguments: ['id'] }, { arguments: ['zone', 'min_size'], requires: ['zone'] }],
    async read(_ctx, config) {
      reads.push(config);
      const min = typeof config.min_size === 'number' ? config.min_size : 0;
      const found = WIDGETS.find((w) =>
        config.id !== null ? w.id === config.id : w.zone === config.zone && w.size >= min,
      );
      if (found === undefined)
        throw new NoMatchError('No widget', 'Widgets: w1, w2.', config.id !== null ? ['id'] : ['zone']);
      return { ...config, id: found.id, size: found.size };
    },
  };
}

const config = (values: Record<string, unknown>) =>
  configOf(widgetSchema, values as Record<string, ObjectValue[string]>);

describe('data sources in the framework', () => {
  let reads: ObjectValue[];
  let h: Awaited<ReturnType<typeof dataSourceHarness<object>>>;

  beforeEach(async () => {
    reads = [];
    h = await dataSourceHarness(widgetDataSource(reads), {});
  });

  it.each([
    ['by id', { id: 'w1' }],
    ['by the required filter', { zone: 'a' }],
    ['by the required filter and an optional one', { zone: 'a', min_size: 3 }],
    ['with an unknown id (judged when known)', { id: new Unknown() }],
    ['with nothing known yet', { zone: new Unknown(), min_size: new Unknown() }],
    ['with one mode set and the other unknown (judged when known)', { id: 'w1', zone: new Unknown() }],
  ])('accepts a look-up %s', async (_, values) => {
    expect(errorsOf(await h.validate(config(values)))).toEqual([]);
  });

  it('refuses arguments of two modes, on each argument of the later mode', async () => {
    const diagnostics = await h.validate(config({ id: 'w1', zone: 'a', min_size: 2 }));
    expect(errorsOf(diagnostics)).toEqual([
      { summary: 'Conflicting look-up arguments', path: ['zone'] },
      { summary: 'Conflicting look-up arguments', path: ['min_size'] },
    ]);
    expect(diagnostics[0]!.detail).toBe(
      'fixture_widget is looked up either by `id`, or `zone` (optionally with `min_size`); `zone` cannot be combined with `id`. Remove one of them.',
    );
  });

  it('refuses a mode without its required argument, on that argument', async () => {
    const diagnostics = await h.validate(config({ min_size: 2 }));
    expect(errorsOf(diagnostics)).toEqual([{ summary: 'Missing argument zone', path: ['zone'] }]);
    expect(diagnostics[0]!.detail).toBe(
      'fixture_widget looked up by `min_size` also needs `zone`: set it, or look up by `id` instead.',
    );
  });

  it('refuses a configuration that asks for nothing, on the first argument', async () => {
    const diagnostics = await h.validate(config({}));
    expect(errorsOf(diagnostics)).toEqual([{ summary: 'Missing look-up argument', path: ['id'] }]);
    expect(diagnostics[0]!.detail).toBe(
      'fixture_widget needs something to look for: set `id`, or `zone` (optionally with `min_size`).',
    );
  });

  it('refuses a computed-only attribute in the configuration', async () => {
    expect(errorsOf(await h.validate(config({ id: 'w1', size: 3 })))).toEqual([
      { summary: "Can't configure size", path: ['size'] },
    ]);
  });

  it('checks the modes again at read, when values unknown at validate are known, before reading', async () => {
    const res = await h.read(config({ id: 'w1', zone: 'a' }));
    expect(errorsOf(res.diagnostics)).toEqual([{ summary: 'Conflicting look-up arguments', path: ['zone'] }]);
    expect(res.state).toBeNull();
    expect(reads).toEqual([]);
  });

  it('reads the object, keeping the configured arguments', async () => {
    const res = await h.read(config({ zone: 'a', min_size: 3 }));
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toEqual({ id: 'w2', zone: 'a', min_size: 3, size: 5 });
  });

  it('reports no match as an error on the argument that asked, never an empty object', async () => {
    const res = await h.read(config({ id: 'w9' }));
    expect(errorsOf(res.diagnostics)).toEqual([{ summary: 'No widget', path: ['id'] }]);
    expect(res.diagnostics[0]!.detail).toBe('Widgets: w1, w2.');
    expect(res.state).toBeNull();
  });

  it('describes modes as the docs name them', () => {
    expect(describeLookupMode({ arguments: ['id'] })).toBe('`id`');
    expect(describeLookupMode({ arguments: ['a', 'b', 'c'], requires: ['b'] })).toBe(
      '`b` (optionally with `a`, `c`)',
    );
  });
});

describe('assertValidDataSourceSchema', () => {
  it('refuses what only means something in a plan, and blocks', () => {
    const withModifier = {
      attributes: {
        id: attr.string({ description: '', optional: true, planModifiers: [requiresReplace()] }),
      },
    };
    expect(() => assertValidDataSourceSchema('d', withModifier)).toThrow(SchemaDefinitionError);
    expect(() => assertValidDataSourceSchema('d', withModifier)).toThrow(
      'd.id: data sources are not planned: no plan modifiers, defaults or equivalences',
    );
    const withBlock = {
      attributes: {},
      blocks: { filter: block.list({ description: '', attributes: {} }) },
    };
    expect(() => assertValidDataSourceSchema('d', withBlock)).toThrow('a data source takes attributes only');
    expect(() => assertValidDataSourceSchema('d', widgetSchema)).not.toThrow();
  });

  it('builds data source schemas at version 0', () => {
    expect(widgetSchema.version).toBe(0);
  });
});
