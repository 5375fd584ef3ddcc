import { MsgpackError, MsgpackReader, MsgpackWriter, type MsgpackItem } from './msgpack';
import { typeFromJson, typeToJson, type CtyType } from './types';
import { DynamicValue, Unknown, UNKNOWN, type ObjectValue, type Refinements, type Value } from './value';

/**
 * Terraform DynamicValue ⇄ Value, guided by the schema's type. The wire form is cty's msgpack encoding:
 * objects as maps carrying every attribute (sorted, nulls as nil), any extension type as an unknown (ext 0
 * plain, ext 12 refined), numbers as ints, float64, or decimal strings when neither is exact.
 */

export class ValueCodecError extends Error {
  readonly code = 'value_invalid';
  /** Where in the value the problem is, as attribute names and element keys. */
  readonly path: readonly (string | number)[];

  constructor(message: string, path: readonly (string | number)[] = []) {
    super(path.length > 0 ? `${message} (at ${formatPath(path)})` : message);
    // A copy: the codec walks with one path array it pushes to and pops from.
    this.path = [...path];
  }
}

/**
 * The attribute names of an object type in cty's (sorted) order, computed once per type: a plan encodes the
 * same few object types thousands of times.
 */
const sortedNamesCache = new WeakMap<object, readonly string[]>();
function sortedAttributeNames(attributes: Readonly<Record<string, CtyType>>): readonly string[] {
  let names = sortedNamesCache.get(attributes);
  if (names === undefined) {
    names = Object.keys(attributes).sort();
    sortedNamesCache.set(attributes, names);
  }
  return names;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const EXT_UNKNOWN_REFINED = 12;

// ---- decoding -------------------------------------------------------------------------------------------

export function decodeMsgpackValue(bytes: Uint8Array, type: CtyType): Value {
  const reader = new MsgpackReader(bytes);
  try {
    const value = readValue(reader, type, []);
    if (!reader.done)
      throw new ValueCodecError(`unexpected bytes after the value at offset ${reader.offset}`);
    return value;
  } catch (err) {
    if (err instanceof MsgpackError) throw new ValueCodecError(err.message);
    throw err;
  }
}

function readValue(r: MsgpackReader, type: CtyType, path: (string | number)[]): Value {
  const item = r.next();
  if (item.t === 'nil') return null;
  if (item.t === 'ext') return decodeUnknown(item);
  switch (type.kind) {
    case 'string':
      if (item.t !== 'str') throw mismatch('a string', item, path);
      return item.v;
    case 'bool':
      if (item.t !== 'bool') throw mismatch('a bool', item, path);
      return item.v;
    case 'number':
      return readNumber(item, path);
    case 'list':
    case 'set': {
      if (item.t !== 'array') throw mismatch(`a ${type.kind}`, item, path);
      const out: Value[] = [];
      for (let i = 0; i < item.length; i++) {
        path.push(i);
        out.push(readValue(r, type.element, path));
        path.pop();
      }
      return out;
    }
    case 'tuple': {
      if (item.t !== 'array') throw mismatch('a tuple', item, path);
      if (item.length !== type.elements.length)
        throw new ValueCodecError(`tuple of ${type.elements.length} elements has ${item.length}`, path);
      return type.elements.map((t, i) => {
        path.push(i);
        const element = readValue(r, t, path);
        path.pop();
        return element;
      });
    }
    case 'map': {
      if (item.t !== 'map') throw mismatch('a map', item, path);
      const out: Record<string, Value> = Object.create(null) as Record<string, Value>;
      for (let i = 0; i < item.length; i++) {
        const key = readKey(r, path);
        path.push(key);
        out[key] = readValue(r, type.element, path);
        path.pop();
      }
      return out;
    }
    case 'object': {
      if (item.t !== 'map') throw mismatch('an object', item, path);
      const out: Record<string, Value> = {};
      for (let i = 0; i < item.length; i++) {
        const key = readKey(r, path);
        const attrType = type.attributes[key];
        if (attrType === undefined) throw new ValueCodecError(`unexpected attribute "${key}"`, path);
        path.push(key);
        out[key] = readValue(r, attrType, path);
        path.pop();
      }
      // Absent attributes are null: Terraform always sends them all, but old state may not.
      for (const name of Object.keys(type.attributes)) if (!(name in out)) out[name] = null;
      return out;
    }
    case 'dynamic': {
      if (item.t !== 'array' || item.length !== 2) throw mismatch('a dynamic [type, value] pair', item, path);
      const typeItem = r.next();
      if (typeItem.t !== 'bin' && typeItem.t !== 'str') throw mismatch('a type', typeItem, path);
      const text = typeItem.t === 'str' ? typeItem.v : Buffer.from(typeItem.v).toString('utf8');
      const concrete = typeFromJson(JSON.parse(text));
      return new DynamicValue(concrete, readValue(r, concrete, path));
    }
  }
}

function readKey(r: MsgpackReader, path: (string | number)[]): string {
  const key = r.next();
  if (key.t !== 'str') throw mismatch('a string key', key, path);
  return key.v;
}

function readNumber(item: MsgpackItem, path: (string | number)[]): number | bigint {
  if (item.t === 'int' || item.t === 'float') return item.v;
  if (item.t === 'str') {
    const text = item.v.trim();
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big;
    }
    const n = Number(text);
    if (text !== '' && Number.isFinite(n)) return n;
  }
  throw mismatch('a number', item, path);
}

function mismatch(expected: string, item: MsgpackItem, path: (string | number)[]): ValueCodecError {
  return new ValueCodecError(`expected ${expected}, found msgpack ${item.t}`, path);
}

function decodeUnknown(item: Extract<MsgpackItem, { t: 'ext' }>): Unknown {
  if (item.type !== EXT_UNKNOWN_REFINED || item.data.length === 0) return UNKNOWN;
  try {
    return new Unknown(decodeRefinements(item.data));
  } catch {
    // A refinement we cannot read only makes the unknown less precise, never wrong.
    return UNKNOWN;
  }
}

function decodeRefinements(data: Uint8Array): Refinements {
  const r = new MsgpackReader(data);
  const head = r.next();
  if (head.t !== 'map') return {};
  const out: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  for (let i = 0; i < head.length; i++) {
    const key = r.next();
    if (key.t !== 'int') {
      r.skip();
      continue;
    }
    switch (Number(key.v)) {
      case 1: {
        const v = r.next();
        if (v.t === 'bool') out.nullable = v.v;
        break;
      }
      case 2: {
        const v = r.next();
        if (v.t === 'str') out.stringPrefix = v.v;
        break;
      }
      case 3:
      case 4: {
        const bound = readBound(r);
        if (bound) {
          if (Number(key.v) === 3) out.numberLower = bound;
          else out.numberUpper = bound;
        }
        break;
      }
      case 5:
      case 6: {
        const v = r.next();
        if (v.t === 'int') {
          if (Number(key.v) === 5) out.lengthMin = Number(v.v);
          else out.lengthMax = Number(v.v);
        }
        break;
      }
      default:
        r.skip();
    }
  }
  return out;
}

function readBound(r: MsgpackReader): readonly [number, boolean] | undefined {
  const head = r.next();
  if (head.t !== 'array') return undefined;
  if (head.length !== 2) {
    for (let i = 0; i < head.length; i++) r.skip();
    return undefined;
  }
  const n = r.next();
  const inclusive = r.next();
  if ((n.t !== 'int' && n.t !== 'float') || inclusive.t !== 'bool') return undefined;
  return [Number(n.v), inclusive.v];
}

// ---- encoding -------------------------------------------------------------------------------------------

export function encodeMsgpackValue(value: Value, type: CtyType): Uint8Array {
  const w = new MsgpackWriter();
  writeValue(w, value, type, []);
  return w.finish();
}

function writeValue(w: MsgpackWriter, value: Value, type: CtyType, path: (string | number)[]): void {
  if (value === null) return w.nil();
  if (value instanceof Unknown) return writeUnknown(w, value);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string')
        throw new ValueCodecError(`expected a string, got ${describe(value)}`, path);
      return w.str(value);
    case 'bool':
      if (typeof value !== 'boolean')
        throw new ValueCodecError(`expected a bool, got ${describe(value)}`, path);
      return w.bool(value);
    case 'number':
      return writeNumber(w, value, path);
    case 'list':
    case 'set': {
      if (!Array.isArray(value))
        throw new ValueCodecError(`expected a ${type.kind}, got ${describe(value)}`, path);
      const items = value as readonly Value[];
      w.arrayHeader(items.length);
      items.forEach((v, i) => {
        path.push(i);
        writeValue(w, v, type.element, path);
        path.pop();
      });
      return;
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.elements.length)
        throw new ValueCodecError(`expected a tuple of ${type.elements.length}`, path);
      const items = value as readonly Value[];
      w.arrayHeader(items.length);
      items.forEach((v, i) => {
        path.push(i);
        writeValue(w, v, type.elements[i]!, path);
        path.pop();
      });
      return;
    }
    case 'map': {
      const record = asRecord(value, 'a map', path);
      const keys = Object.keys(record).sort();
      w.mapHeader(keys.length);
      for (const key of keys) {
        w.str(key);
        path.push(key);
        writeValue(w, record[key]!, type.element, path);
        path.pop();
      }
      return;
    }
    case 'object': {
      const record = asRecord(value, 'an object', path);
      for (const key of Object.keys(record))
        if (!(key in type.attributes)) throw new ValueCodecError(`unexpected attribute "${key}"`, path);
      // Every attribute of the type, sorted as cty writes them: Terraform rejects an object missing one.
      const names = sortedAttributeNames(type.attributes);
      w.mapHeader(names.length);
      for (const name of names) {
        w.str(name);
        const v = record[name];
        path.push(name);
        writeValue(w, v === undefined ? null : v, type.attributes[name]!, path);
        path.pop();
      }
      return;
    }
    case 'dynamic': {
      if (!(value instanceof DynamicValue))
        throw new ValueCodecError(`a dynamic value needs its concrete type, got ${describe(value)}`, path);
      w.arrayHeader(2);
      w.bin(Buffer.from(JSON.stringify(typeToJson(value.type)), 'utf8'));
      writeValue(w, value.value, value.type, path);
      return;
    }
  }
}

function asRecord(value: Value, expected: string, path: (string | number)[]): ObjectValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof DynamicValue)
    throw new ValueCodecError(`expected ${expected}, got ${describe(value)}`, path);
  return value as ObjectValue;
}

function writeNumber(w: MsgpackWriter, value: Value, path: (string | number)[]): void {
  if (typeof value === 'bigint') {
    if (value >= -(2n ** 63n) && value < 2n ** 64n) return w.int(value);
    return w.str(value.toString());
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ValueCodecError(`expected a finite number, got ${describe(value)}`, path);
  if (Number.isSafeInteger(value)) return w.int(value);
  return w.float(value);
}

function writeUnknown(w: MsgpackWriter, value: Unknown): void {
  if (!value.isRefined) return w.ext(0, new Uint8Array([0]));
  const ref = value.refinements;
  const inner = new MsgpackWriter();
  const entries: [number, (x: MsgpackWriter) => void][] = [];
  if (ref.nullable !== undefined) entries.push([1, (x) => x.bool(ref.nullable!)]);
  if (ref.stringPrefix !== undefined) entries.push([2, (x) => x.str(ref.stringPrefix!)]);
  for (const [key, bound] of [
    [3, ref.numberLower],
    [4, ref.numberUpper],
  ] as const) {
    if (bound)
      entries.push([
        key,
        (x) => {
          x.arrayHeader(2);
          if (Number.isSafeInteger(bound[0])) x.int(bound[0]);
          else x.float(bound[0]);
          x.bool(bound[1]);
        },
      ]);
  }
  if (ref.lengthMin !== undefined) entries.push([5, (x) => x.int(ref.lengthMin!)]);
  if (ref.lengthMax !== undefined) entries.push([6, (x) => x.int(ref.lengthMax!)]);
  inner.mapHeader(entries.length);
  for (const [key, write] of entries) {
    inner.int(key);
    write(inner);
  }
  w.ext(EXT_UNKNOWN_REFINED, inner.finish());
}

function describe(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof DynamicValue) return 'a dynamic value';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(String(value))}`;
}

// ---- JSON (stored state) --------------------------------------------------------------------------------

/**
 * Decodes the JSON form Terraform keeps in state and sends in `UpgradeResourceState.raw_state.json`.
 * Attributes no longer in the schema are dropped: the state is being upgraded to that schema.
 */
export function decodeJsonValue(bytes: Uint8Array, type: CtyType): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new ValueCodecError(`stored state is not valid JSON: ${(err as Error).message}`);
  }
  return fromJson(parsed, type, []);
}

function fromJson(json: unknown, type: CtyType, path: (string | number)[]): Value {
  if (json === null || json === undefined) return null;
  switch (type.kind) {
    case 'string':
      if (typeof json !== 'string') throw new ValueCodecError('expected a string', path);
      return json;
    case 'bool':
      if (typeof json !== 'boolean') throw new ValueCodecError('expected a bool', path);
      return json;
    case 'number':
      if (typeof json === 'number') return json;
      if (typeof json === 'string') return readNumber({ t: 'str', v: json }, path);
      throw new ValueCodecError('expected a number', path);
    case 'list':
    case 'set':
      if (!Array.isArray(json)) throw new ValueCodecError(`expected a ${type.kind}`, path);
      return json.map((v, i) => fromJson(v, type.element, [...path, i]));
    case 'tuple':
      if (!Array.isArray(json) || json.length !== type.elements.length)
        throw new ValueCodecError('expected a tuple', path);
      return type.elements.map((t, i) => fromJson(json[i], t, [...path, i]));
    case 'map': {
      if (typeof json !== 'object' || Array.isArray(json)) throw new ValueCodecError('expected a map', path);
      const out: Record<string, Value> = Object.create(null) as Record<string, Value>;
      for (const [k, v] of Object.entries(json as Record<string, unknown>))
        out[k] = fromJson(v, type.element, [...path, k]);
      return out;
    }
    case 'object': {
      if (typeof json !== 'object' || Array.isArray(json))
        throw new ValueCodecError('expected an object', path);
      const src = json as Record<string, unknown>;
      const out: Record<string, Value> = {};
      for (const [name, t] of Object.entries(type.attributes))
        out[name] = fromJson(src[name], t, [...path, name]);
      return out;
    }
    case 'dynamic': {
      const wrapped = json as { value?: unknown; type?: unknown };
      if (typeof json !== 'object' || Array.isArray(json) || !('type' in wrapped))
        throw new ValueCodecError('expected a dynamic {"value","type"} object', path);
      const concrete = typeFromJson(wrapped.type);
      return new DynamicValue(concrete, fromJson(wrapped.value, concrete, path));
    }
  }
}
