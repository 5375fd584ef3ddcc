import { decode, defineMessage, encode } from '../../../src/provider/protocol/codec';
import { WireDecodeError, WireEncodeError } from '../../../src/provider/protocol/errors';
import * as d from '../../../src/provider/protocol/tfplugin6-descriptors';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

describe('proto3 codec', () => {
  it('encodes every AttributePath.Step selector, including a zero element key (oneof presence)', () => {
    const path = {
      steps: [
        { attributeName: 'name' },
        { elementKeyInt: 2 },
        { elementKeyString: 'k' },
        { elementKeyInt: 0 },
      ],
    };
    const expected = '0a06 0a046e616d65' + '0a02 1802' + '0a03 12016b' + '0a02 1800';
    expect(hex(encode(d.AttributePath, path))).toBe(expected.replace(/ /g, ''));
    expect(decode(d.AttributePath, fromHex(expected))).toEqual(path);
  });

  it('keeps only the last member of a oneof seen on the wire', () => {
    // attribute_name "a", then element_key_int 5 within one step.
    const step = decode(d.AttributePathStep, fromHex('0a0161 1805'));
    expect(step).toEqual({ elementKeyInt: 5 });
  });

  it('encodes a diagnostic with an attribute path', () => {
    const diagnostic = {
      severity: 1 as const,
      summary: 'bad',
      detail: 'x',
      attribute: { steps: [{ attributeName: 'a' }] },
    };
    const expected = '0801 1203626164 1a0178 2205 0a03 0a0161';
    expect(hex(encode(d.Diagnostic, diagnostic))).toBe(expected.replace(/ /g, ''));
    expect(decode(d.Diagnostic, fromHex(expected))).toEqual(diagnostic);
  });

  it('encodes a nested schema with attributes and a block type', () => {
    const schema = {
      version: 1,
      block: {
        attributes: [{ name: 'id', type: utf8('"string"'), computed: true }],
        blockTypes: [{ typeName: 'rule', block: {}, nesting: 2 as const, maxItems: 300 }],
      },
    };
    const attribute = '0a026964 120822737472696e6722 3001';
    const nestedBlock = '0a0472756c65 1200 1802 28ac02';
    const expected = `0801 1221 1210${attribute} 1a0d${nestedBlock}`;
    expect(hex(encode(d.Schema, schema))).toBe(expected.replace(/ /g, ''));

    const decoded = decode(d.Schema, fromHex(expected));
    expect(decoded.version).toBe(1);
    expect(decoded.block.attributes?.[0]).toMatchObject({ name: 'id', computed: true, required: false });
    expect(decoded.block.attributes?.[0]?.type).toEqual(utf8('"string"'));
    expect(decoded.block.blockTypes?.[0]).toMatchObject({ typeName: 'rule', nesting: 2, maxItems: 300 });
  });

  it('omits proto3 defaults on encode and restores them on decode', () => {
    expect(encode(d.SchemaAttribute, { name: '', computed: false, required: false })).toEqual(
      new Uint8Array(0),
    );
    expect(decode(d.ValidateResourceConfigRequest, new Uint8Array(0))).toEqual({ typeName: '' });
  });

  it('sends an empty message field, because its presence is meaningful', () => {
    expect(hex(encode(d.ValidateProviderConfigRequest, { config: {} }))).toBe('0a00');
    expect(decode(d.ValidateProviderConfigRequest, fromHex('0a00'))).toEqual({ config: {} });
  });

  it('encodes and decodes maps of messages and of strings', () => {
    const response = { resourceSchemas: { a: { block: {} } } };
    expect(hex(encode(d.GetProviderSchemaResponse, response))).toBe('12070a0161120212 00'.replace(/ /g, ''));
    const decoded = decode(d.GetProviderSchemaResponse, fromHex('12070a01611202 1200'));
    expect(Object.keys(decoded.resourceSchemas ?? {})).toEqual(['a']);
    expect(decoded.resourceSchemas?.['a']?.block).toMatchObject({ attributes: [], version: 0 });

    const raw = { json: utf8('{}'), flatmap: { k: 'v' } };
    expect(hex(encode(d.RawState, raw))).toBe('0a027b7d 12060a016b120176'.replace(/ /g, ''));
    const rawDecoded = decode(d.RawState, fromHex('0a027b7d 12060a016b120176'));
    expect({ ...rawDecoded.flatmap }).toEqual({ k: 'v' });
    expect(rawDecoded.json).toEqual(utf8('{}'));
  });

  it('decodes a map entry with its value missing as the default value', () => {
    const decoded = decode(d.RawState, fromHex('1203 0a016b'));
    expect({ ...decoded.flatmap }).toEqual({ k: '' });
  });

  describe('repeated scalars', () => {
    const Numbers = defineMessage<{ values: number[]; flags: boolean[]; names: string[] }>('test.Numbers', [
      { no: 4, name: 'values', kind: 'int64', label: 'repeated' },
      { no: 5, name: 'flags', kind: 'bool', label: 'repeated' },
      { no: 6, name: 'names', kind: 'string', label: 'repeated' },
    ]);

    it('packs numeric runs, with negative int64 as ten bytes', () => {
      const bytes = encode(Numbers, { values: [1, 300, -1], flags: [true, false], names: ['a', ''] });
      expect(hex(bytes)).toBe('220d01ac02ffffffffffffffffff01' + '2a020100' + '320161' + '3200');
    });

    it('decodes packed, unpacked and mixed runs', () => {
      const decoded = decode(Numbers, fromHex('2001 2203ac0203 2005 2801 2a020100'));
      expect(decoded).toEqual({ values: [1, 300, 3, 5], flags: [true, true, false], names: [] });
    });

    it('round-trips negative and large safe integers', () => {
      const values = [-1, -(2 ** 31), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 32];
      expect(decode(Numbers, encode(Numbers, { values, flags: [], names: [] })).values).toEqual(values);
    });
  });

  it('skips unknown fields of every wire type', () => {
    // msgpack=c0, then unknown: field 9 varint, 10 fixed64, 11 fixed32, 12 bytes, 13 group (with a varint).
    const bytes = fromHex('0a01c0 4896 01 51 0102030405060708 5d 01020304 6202aabb 6b 0801 6c 1201 7b');
    expect(decode(d.DynamicValue, bytes)).toEqual({ msgpack: fromHex('c0'), json: fromHex('7b') });
  });

  it('merges a message field that appears twice', () => {
    const bytes = fromHex('1a02 0801 1a02 1001');
    expect(decode(d.ValidateResourceConfigRequest, bytes).clientCapabilities).toEqual({
      deferralAllowed: true,
      writeOnlyAttributesAllowed: true,
    });
  });

  it('refuses truncated input, overlong lengths and unsafe integers', () => {
    expect(() => decode(d.DynamicValue, fromHex('0a05c0'))).toThrow(WireDecodeError);
    expect(() => decode(d.Schema, fromHex('08'))).toThrow(WireDecodeError);
    // 2^53 as a varint.
    expect(() => decode(d.Schema, fromHex('0880808080808080 10'))).toThrow(WireDecodeError);
    // A string where a varint is expected.
    expect(() => decode(d.Schema, fromHex('0a00'))).toThrow(WireDecodeError);
  });

  it('refuses values the wire type cannot carry', () => {
    expect(() => encode(d.Schema, { version: 1.5, block: {} })).toThrow(WireEncodeError);
    expect(() => encode(d.Diagnostic, { severity: 1, summary: 7 as unknown as string })).toThrow(
      WireEncodeError,
    );
    expect(() => encode(d.Timestamp, { seconds: 0, nanos: 2 ** 31 })).toThrow(WireEncodeError);
  });

  it('decodes requests as Terraform sends them', () => {
    const request = {
      typeName: 'lightyear_instance',
      priorState: { msgpack: fromHex('c0') },
      proposedNewState: { msgpack: fromHex('80') },
      config: { msgpack: fromHex('80') },
      clientCapabilities: { deferralAllowed: true, writeOnlyAttributesAllowed: true },
    };
    expect(decode(d.PlanResourceChangeRequest, encode(d.PlanResourceChangeRequest, request))).toEqual(
      request,
    );
  });
});
