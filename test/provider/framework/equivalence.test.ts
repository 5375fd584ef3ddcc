import {
  attributeEquivalent,
  eachElement,
  keepEquivalent,
  objectEquivalent,
} from '../../../src/provider/framework/equivalence';
import { attr, resourceSchema } from '../../../src/provider/framework/schema-builder';
import { timeoutsBlock } from '../../../src/provider/framework/timeouts';
import type { Value } from '../../../src/provider/protocol/values';

const lower = (a: Value, b: Value) =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

const rules = attr.set(
  {
    host: attr.string({ description: '', required: true, equivalent: lower }),
    port: attr.number({ description: '', optional: true }),
  },
  { description: '', optional: true },
);

describe('semantic equality', () => {
  it('compares set elements by their members, in any order, with duplicates folding', () => {
    const a = [
      { host: 'A.example', port: 1 },
      { host: 'b.example', port: 2 },
    ];
    const b = [
      { host: 'b.example', port: 2 },
      { host: 'a.example', port: 1 },
      { host: 'A.EXAMPLE', port: 1 },
    ];
    expect(attributeEquivalent(rules, a, b)).toBe(true);
    expect(attributeEquivalent(rules, a, [{ host: 'a.example', port: 1 }])).toBe(false);
    expect(
      attributeEquivalent(rules, a, [
        { host: 'a.example', port: 9 },
        { host: 'b.example', port: 2 },
      ]),
    ).toBe(false);
  });

  it('lifts an element predicate to a whole collection', () => {
    const eq = eachElement(lower);
    expect(eq(['A', 'b'], ['B', 'a'])).toBe(true);
    expect(eq(['A'], ['a', 'c'])).toBe(false);
  });

  it("keeps the user's spelling where the API's means the same, element by element in a set", () => {
    const schema = {
      attributes: { name: attr.string({ description: '', required: true, equivalent: lower }), rules },
    };
    const keep = {
      name: 'Web',
      rules: [
        { host: 'A.example', port: 1 },
        { host: 'B.example', port: 2 },
      ],
    };
    const fresh = {
      name: 'web',
      rules: [
        { host: 'a.example', port: 1 },
        { host: 'c.example', port: 3 },
      ],
    };
    expect(keepEquivalent(schema, keep, fresh)).toEqual({
      name: 'Web',
      rules: [
        { host: 'A.example', port: 1 },
        { host: 'c.example', port: 3 },
      ],
    });
    expect(keepEquivalent(schema, null, fresh)).toBe(fresh);
  });

  it('keeps the timeouts block of the plan or state, whatever an operation returned', () => {
    const schema = resourceSchema({
      version: 0,
      description: '',
      attributes: { id: attr.string({ description: '', computed: true }) },
      blocks: { timeouts: timeoutsBlock({ create: '5m', delete: '5m' }) },
    });
    const planned = { id: 'x', timeouts: { create: '30s', delete: null } };
    expect(keepEquivalent(schema, planned, { id: 'x', timeouts: null })).toEqual(planned);
    expect(keepEquivalent(schema, null, { id: 'x', timeouts: null })).toEqual({ id: 'x', timeouts: null });
  });
});

describe('equivalence that depends on a sibling attribute', () => {
  // Case matters for `text` unless the object's `kind` says it is a host name.
  const schema = {
    attributes: {
      kind: attr.string({ description: '', required: true }),
      text: attr.string({
        description: '',
        required: true,
        equivalent: (a, b, within) =>
          within.a?.['kind'] === 'host' && within.b?.['kind'] === 'host' && lower(a, b),
      }),
    },
  };

  it('sees the objects holding both values, when comparing objects and when keeping spellings', () => {
    expect(
      objectEquivalent(schema, { kind: 'host', text: 'A.example' }, { kind: 'host', text: 'a.example' }),
    ).toBe(true);
    expect(
      objectEquivalent(schema, { kind: 'note', text: 'A.example' }, { kind: 'note', text: 'a.example' }),
    ).toBe(false);
    expect(
      keepEquivalent(schema, { kind: 'host', text: 'A.example' }, { kind: 'host', text: 'a.example' }),
    ).toEqual({
      kind: 'host',
      text: 'A.example',
    });
    expect(
      keepEquivalent(schema, { kind: 'note', text: 'A.example' }, { kind: 'note', text: 'a.example' }),
    ).toEqual({
      kind: 'note',
      text: 'a.example',
    });
  });
});
