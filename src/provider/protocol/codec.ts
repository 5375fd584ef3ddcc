/**
 * A small proto3 codec driven by plain descriptor tables. Measured reason for not using protobufjs or
 * proto-loader: ~70 ms of start-up, paid by every one of the 3-5 provider processes of a Terraform command.
 *
 * Scope is what tfplugin6 and go-plugin need: string/bytes/bool/varint integers/enums, nested and recursive
 * messages, repeated fields (packed and unpacked numeric runs both decoded), `map<string, V>`, `oneof` and
 * proto3 `optional`. No fixed-width or floating-point scalars: neither protocol has one in a message we serve.
 */
import { WireDecodeError, WireEncodeError } from './errors';
import { WireReader, WireType, WireWriter } from './wire';

/** Scalar field kinds; int64, int32, uint32 and enum all travel as varints and surface as `number`. */
export type ScalarKind = 'string' | 'bytes' | 'bool' | 'int64' | 'int32' | 'uint32' | 'enum';

interface FieldBase {
  /** The proto field number: a wire fact. */
  readonly no: number;
  /** The camelCase TypeScript property name. */
  readonly name: string;
  /** Members of one proto `oneof` share this name; they have explicit presence and clear one another. */
  readonly oneof?: string;
}

export interface ScalarField extends FieldBase {
  readonly kind: ScalarKind;
  /** `optional` is proto3 explicit presence: a default value is still sent, and absence decodes as undefined. */
  readonly label?: 'repeated' | 'optional';
}

export interface MessageField extends FieldBase {
  readonly kind: 'message';
  /** A thunk, so that descriptors may refer to each other (and to themselves) regardless of order. */
  readonly type: () => MessageDescriptor;
  readonly label?: 'repeated';
}

/** `map<string, V>`: every map in these protocols has string keys. Decodes to a null-prototype object. */
export interface MapField extends FieldBase {
  readonly kind: 'map';
  readonly value: ScalarKind | (() => MessageDescriptor);
}

export type FieldDescriptor = ScalarField | MessageField | MapField;

/** A message's wire layout. `T` is the TypeScript shape it encodes from and decodes to. */
export interface MessageDescriptor<T = unknown> {
  /** Fully qualified proto name, for error messages. */
  readonly typeName: string;
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyMap<number, FieldDescriptor>;
  /** Phantom: carries `T` for the typed `encode`/`decode`; never set. */
  readonly _shape?: T;
}

export function defineMessage<T>(typeName: string, fields: readonly FieldDescriptor[]): MessageDescriptor<T> {
  const byNumber = new Map<number, FieldDescriptor>();
  for (const field of fields) {
    if (byNumber.has(field.no)) throw new Error(`${typeName}: field number ${field.no} is declared twice`);
    byNumber.set(field.no, field);
  }
  return { typeName, fields, byNumber };
}

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// Encoding

export function encode<T>(descriptor: MessageDescriptor<T>, value: T): Uint8Array {
  const writer = new WireWriter();
  writeMessage(writer, descriptor, value as Obj);
  return writer.finish();
}

function writeMessage(writer: WireWriter, descriptor: MessageDescriptor, value: Obj): void {
  for (const field of descriptor.fields) {
    const fieldValue = value[field.name];
    if (fieldValue === undefined || fieldValue === null) continue;
    writeField(writer, descriptor, field, fieldValue);
  }
}

function writeField(
  writer: WireWriter,
  owner: MessageDescriptor,
  field: FieldDescriptor,
  value: unknown,
): void {
  const where = `${owner.typeName}.${field.name}`;
  if (field.kind === 'map') {
    if (typeof value !== 'object') throw new WireEncodeError(`${where}: expected an object for a map`);
    for (const [key, entry] of Object.entries(value as Obj)) {
      if (entry === undefined) continue;
      const entryWriter = new WireWriter(64);
      entryWriter.tag(1, WireType.LENGTH_DELIMITED);
      entryWriter.string(key);
      if (typeof field.value === 'function') {
        entryWriter.tag(2, WireType.LENGTH_DELIMITED);
        entryWriter.bytes(encodeNested(field.value(), entry, `${where}[${key}]`));
      } else {
        writeScalar(entryWriter, 2, field.value, entry, `${where}[${key}]`);
      }
      writer.tag(field.no, WireType.LENGTH_DELIMITED);
      writer.bytes(entryWriter.finish());
    }
    return;
  }
  if (field.label === 'repeated') {
    if (!Array.isArray(value)) throw new WireEncodeError(`${where}: expected an array`);
    if (value.length === 0) return;
    if (field.kind === 'message') {
      const type = field.type();
      for (const item of value) {
        writer.tag(field.no, WireType.LENGTH_DELIMITED);
        writer.bytes(encodeNested(type, item, where));
      }
    } else if (field.kind === 'string' || field.kind === 'bytes') {
      for (const item of value) writeScalar(writer, field.no, field.kind, item, where);
    } else {
      // proto3 packs repeated numeric fields by default.
      const packed = new WireWriter(value.length * 2);
      for (const item of value) packed.varint(varintOf(field.kind, item, where));
      writer.tag(field.no, WireType.LENGTH_DELIMITED);
      writer.bytes(packed.finish());
    }
    return;
  }
  if (field.kind === 'message') {
    // Presence of a message field is meaningful even when it is empty (e.g. an empty DynamicValue).
    writer.tag(field.no, WireType.LENGTH_DELIMITED);
    writer.bytes(encodeNested(field.type(), value, where));
    return;
  }
  const explicitPresence = field.label === 'optional' || field.oneof !== undefined;
  if (!explicitPresence && isDefault(field.kind, value)) return;
  writeScalar(writer, field.no, field.kind, value, where);
}

function encodeNested(descriptor: MessageDescriptor, value: unknown, where: string): Uint8Array {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireEncodeError(`${where}: expected an object for ${descriptor.typeName}`);
  }
  const writer = new WireWriter(64);
  writeMessage(writer, descriptor, value as Obj);
  return writer.finish();
}

function isDefault(kind: ScalarKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return value === '';
    case 'bytes':
      return value instanceof Uint8Array && value.length === 0;
    case 'bool':
      return value === false;
    default:
      return value === 0;
  }
}

function writeScalar(writer: WireWriter, no: number, kind: ScalarKind, value: unknown, where: string): void {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new WireEncodeError(`${where}: expected a string`);
      writer.tag(no, WireType.LENGTH_DELIMITED);
      writer.string(value);
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw new WireEncodeError(`${where}: expected a Uint8Array`);
      writer.tag(no, WireType.LENGTH_DELIMITED);
      writer.bytes(value);
      return;
    default:
      writer.tag(no, WireType.VARINT);
      writer.varint(varintOf(kind, value, where));
  }
}

function varintOf(kind: ScalarKind, value: unknown, where: string): number {
  if (kind === 'bool') {
    if (typeof value !== 'boolean') throw new WireEncodeError(`${where}: expected a boolean`);
    return value ? 1 : 0;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new WireEncodeError(`${where}: expected a safe integer, got ${String(value)}`);
  }
  if (kind === 'uint32' && (value < 0 || value > 0xffffffff)) {
    throw new WireEncodeError(`${where}: ${value} is out of the uint32 range`);
  }
  if (kind === 'int32' && (value < -0x80000000 || value > 0x7fffffff)) {
    throw new WireEncodeError(`${where}: ${value} is out of the int32 range`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

export function decode<T>(descriptor: MessageDescriptor<T>, bytes: Uint8Array): T {
  const target = withDefaults(descriptor);
  readMessage(new WireReader(bytes), descriptor, target);
  return target as T;
}

/** proto3 implicit defaults, so decoded messages need no `?? ''` at every use. */
function withDefaults(descriptor: MessageDescriptor): Obj {
  const target: Obj = {};
  for (const field of descriptor.fields) {
    if (field.oneof !== undefined) continue;
    if (field.kind === 'map') target[field.name] = Object.create(null) as Obj;
    else if (field.label === 'repeated') target[field.name] = [];
    else if (field.kind === 'message' || field.label === 'optional' || field.kind === 'bytes') continue;
    else target[field.name] = scalarDefault(field.kind);
  }
  return target;
}

function scalarDefault(kind: ScalarKind): unknown {
  switch (kind) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    case 'bool':
      return false;
    default:
      return 0;
  }
}

function readMessage(reader: WireReader, descriptor: MessageDescriptor, target: Obj): void {
  while (!reader.done) {
    const { fieldNumber, wireType } = reader.tag();
    const field = descriptor.byNumber.get(fieldNumber);
    if (field === undefined) {
      reader.skip(wireType, fieldNumber);
      continue;
    }
    readField(reader, descriptor, field, wireType, target);
  }
}

function readField(
  reader: WireReader,
  owner: MessageDescriptor,
  field: FieldDescriptor,
  wireType: number,
  target: Obj,
): void {
  const where = `${owner.typeName}.${field.name}`;
  if (field.kind === 'map') {
    expectWireType(wireType, WireType.LENGTH_DELIMITED, where);
    const [key, value] = readMapEntry(new WireReader(reader.lengthDelimited()), field, where);
    (target[field.name] as Obj)[key] = value;
    return;
  }
  if (field.kind === 'message') {
    expectWireType(wireType, WireType.LENGTH_DELIMITED, where);
    const type = field.type();
    const payload = new WireReader(reader.lengthDelimited());
    if (field.label === 'repeated') {
      const item = withDefaults(type);
      readMessage(payload, type, item);
      (target[field.name] as unknown[]).push(item);
      return;
    }
    // A message field seen twice merges, as protobuf specifies.
    const existing = target[field.name];
    const item = existing !== undefined ? (existing as Obj) : withDefaults(type);
    readMessage(payload, type, item);
    setField(owner, field, target, item);
    return;
  }
  if (field.label === 'repeated') {
    const list = target[field.name] as unknown[];
    if (isVarintKind(field.kind) && wireType === WireType.LENGTH_DELIMITED) {
      const packed = new WireReader(reader.lengthDelimited());
      while (!packed.done) list.push(fromVarint(field.kind, packed.varint()));
      return;
    }
    list.push(readScalar(reader, field.kind, wireType, where));
    return;
  }
  setField(owner, field, target, readScalar(reader, field.kind, wireType, where));
}

function setField(owner: MessageDescriptor, field: FieldDescriptor, target: Obj, value: unknown): void {
  if (field.oneof !== undefined) {
    for (const other of owner.fields) {
      if (other.oneof === field.oneof && other !== field) delete target[other.name];
    }
  }
  target[field.name] = value;
}

function readMapEntry(reader: WireReader, field: MapField, where: string): [string, unknown] {
  let key = '';
  let value: unknown;
  const valueType = typeof field.value === 'function' ? field.value() : undefined;
  while (!reader.done) {
    const { fieldNumber, wireType } = reader.tag();
    if (fieldNumber === 1) {
      key = readScalar(reader, 'string', wireType, `${where} key`) as string;
    } else if (fieldNumber === 2) {
      if (valueType !== undefined) {
        expectWireType(wireType, WireType.LENGTH_DELIMITED, where);
        const item = value !== undefined ? (value as Obj) : withDefaults(valueType);
        readMessage(new WireReader(reader.lengthDelimited()), valueType, item);
        value = item;
      } else {
        value = readScalar(reader, field.value as ScalarKind, wireType, `${where} value`);
      }
    } else {
      reader.skip(wireType, fieldNumber);
    }
  }
  if (value === undefined) {
    value = valueType !== undefined ? withDefaults(valueType) : scalarDefault(field.value as ScalarKind);
  }
  return [key, value];
}

function readScalar(reader: WireReader, kind: ScalarKind, wireType: number, where: string): unknown {
  if (kind === 'string') {
    expectWireType(wireType, WireType.LENGTH_DELIMITED, where);
    return reader.string();
  }
  if (kind === 'bytes') {
    expectWireType(wireType, WireType.LENGTH_DELIMITED, where);
    return reader.bytes();
  }
  expectWireType(wireType, WireType.VARINT, where);
  return fromVarint(kind, reader.varint());
}

function fromVarint(kind: ScalarKind, raw: number): unknown {
  if (kind === 'bool') return raw !== 0;
  // An int32 is sign-extended to 64 bits on the wire; the reader already returns it signed.
  return raw;
}

function isVarintKind(kind: ScalarKind): boolean {
  return kind !== 'string' && kind !== 'bytes';
}

function expectWireType(actual: number, expected: WireType, where: string): void {
  if (actual !== expected) {
    throw new WireDecodeError(`${where}: wire type ${actual} where ${expected} was expected`);
  }
}
