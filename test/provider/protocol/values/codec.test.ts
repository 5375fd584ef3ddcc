import {
  ctyBool,
  ctyDynamic,
  ctyList,
  ctyMap,
  ctyNumber,
  ctyObject,
  ctySet,
  ctyString,
  decodeJsonValue,
  decodeMsgpackValue,
  DynamicValue,
  encodeMsgpackValue,
  isWhollyKnown,
  typeFromJson,
  typeToBytes,
  Unknown,
  UNKNOWN,
  ValueCodecError,
  valuesEqual,
} from '../../../../src/provider/protocol/values';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

describe('type encoding', () => {
  it('writes the JSON text Terraform expects, quotes included', () => {
    expect(Buffer.from(typeToBytes(ctyString)).toString()).toBe('"string"');
    expect(Buffer.from(typeToBytes(ctyList(ctyString))).toString()).toBe('["list","string"]');
    expect(Buffer.from(typeToBytes(ctySet(ctyObject({ b: ctyNumber, a: ctyBool })))).toString()).toBe(
      '["set",["object",{"a":"bool","b":"number"}]]',
    );
  });

  it('parses what it writes', () => {
    const t = ctyMap(ctyObject({ x: ctyList(ctyNumber) }, ['x']));
    expect(typeFromJson(JSON.parse(Buffer.from(typeToBytes(t)).toString()))).toEqual(t);
  });
});

describe('msgpack values', () => {
  const obj = ctyObject({ name: ctyString, count: ctyNumber, on: ctyBool, tags: ctyList(ctyString) });

  it('encodes every attribute of an object, sorted, with nulls as nil', () => {
    // {count: 3, name: "x", on: nil, tags: nil}
    expect(hex(encodeMsgpackValue({ name: 'x', count: 3 }, obj))).toBe(
      '84a5636f756e7403a46e616d65a178a26f6ec0a474616773c0',
    );
  });

  it('round-trips known values', () => {
    const v = { name: 'héllo', count: -1234567, on: true, tags: ['a', 'b'] };
    expect(decodeMsgpackValue(encodeMsgpackValue(v, obj), obj)).toEqual(v);
  });

  it('decodes a plain unknown (ext 0) anywhere', () => {
    const decoded = decodeMsgpackValue(bytes('81 a4 6e616d65 d4 00 00'), ctyObject({ name: ctyString }));
    expect((decoded as Record<string, unknown>).name).toBe(UNKNOWN);
  });

  it('decodes and re-encodes a refined unknown (ext 12): not null, prefix "x-"', () => {
    const wire = bytes('c7 07 0c 82 01 c2 02 a2 782d');
    const v = decodeMsgpackValue(wire, ctyString);
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).refinements).toEqual({ nullable: false, stringPrefix: 'x-' });
    expect(hex(encodeMsgpackValue(v, ctyString))).toBe(hex(wire));
  });

  it('decodes number bounds and collection lengths', () => {
    // {3: [1, true], 4: [10.5, false], 5: 2}
    const payload = bytes('83 03 92 01 c3 04 92 cb 4025000000000000 c2 05 02');
    const wire = new Uint8Array([0xc7, payload.length, 0x0c, ...payload]);
    const v = decodeMsgpackValue(wire, ctyNumber) as Unknown;
    expect(v.refinements).toEqual({ numberLower: [1, true], numberUpper: [10.5, false], lengthMin: 2 });
  });

  it('keeps integers beyond 2^53 exact', () => {
    const big = 2n ** 60n + 7n;
    const enc = encodeMsgpackValue(big, ctyNumber);
    expect(hex(enc)).toBe('cf' + big.toString(16).padStart(16, '0'));
    expect(decodeMsgpackValue(enc, ctyNumber)).toBe(big);
    expect(
      decodeMsgpackValue(bytes('b5' + Buffer.from('123456789012345678901').toString('hex')), ctyNumber),
    ).toBe(123456789012345678901n);
  });

  it('encodes fractions as float64 and small integers in the shortest form', () => {
    expect(hex(encodeMsgpackValue(0.5, ctyNumber))).toBe('cb3fe0000000000000');
    expect(hex(encodeMsgpackValue(300, ctyNumber))).toBe('cd012c');
    expect(hex(encodeMsgpackValue(-33, ctyNumber))).toBe('d0df');
  });

  it('round-trips dynamic values with their type', () => {
    const v = new DynamicValue(ctyList(ctyString), ['a']);
    const back = decodeMsgpackValue(encodeMsgpackValue(v, ctyDynamic), ctyDynamic);
    expect(back).toEqual(v);
  });

  it('names the attribute when a value has the wrong type', () => {
    expect(() => decodeMsgpackValue(bytes('81 a4 6e616d65 03'), ctyObject({ name: ctyString }))).toThrow(
      /expected a string.*at name/,
    );
    expect(() => encodeMsgpackValue({ nope: 'x' }, ctyObject({ name: ctyString }))).toThrow(ValueCodecError);
  });

  it('rejects truncated and trailing bytes', () => {
    expect(() => decodeMsgpackValue(bytes('a5 6e61'), ctyString)).toThrow(ValueCodecError);
    expect(() => decodeMsgpackValue(bytes('a1 61 c0'), ctyString)).toThrow(/unexpected bytes/);
  });

  it('handles long strings, arrays and maps (16/32-bit headers)', () => {
    const long = 'x'.repeat(70000);
    const list = Array.from({ length: 20 }, (_, i) => String(i));
    const t = ctyObject({ s: ctyString, l: ctyList(ctyString) });
    expect(decodeMsgpackValue(encodeMsgpackValue({ s: long, l: list }, t), t)).toEqual({ s: long, l: list });
  });
});

describe('state JSON', () => {
  it('fills absent attributes with null and drops removed ones', () => {
    const t = ctyObject({ id: ctyString, size: ctyNumber });
    expect(decodeJsonValue(Buffer.from('{"id":"a","gone":1}'), t)).toEqual({ id: 'a', size: null });
  });
});

describe('equality and knownness', () => {
  it('compares sets without order and unknowns as unequal', () => {
    expect(valuesEqual(['a', 'b'], ['b', 'a'], ctySet(ctyString))).toBe(true);
    expect(valuesEqual(['a', 'b'], ['b', 'a'], ctyList(ctyString))).toBe(false);
    expect(valuesEqual(UNKNOWN, UNKNOWN, ctyString)).toBe(false);
    expect(valuesEqual(5, 5n, ctyNumber)).toBe(true);
    expect(isWhollyKnown({ a: ['x', UNKNOWN] })).toBe(false);
    expect(isWhollyKnown({ a: ['x', null] })).toBe(true);
  });
});
