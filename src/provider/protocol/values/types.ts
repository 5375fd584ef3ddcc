/**
 * Terraform's value types (cty types) as Terraform names them on the wire. A schema attribute's `type` is the
 * JSON text of one of these, sent as bytes: `"string"` with its quotes, `["list","string"]`,
 * `["object",{"a":"number"}]`.
 */
export type CtyType =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: CtyType }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<Record<string, CtyType>>;
      readonly optional?: readonly string[];
    }
  | { readonly kind: 'tuple'; readonly elements: readonly CtyType[] };

export const ctyString: CtyType = { kind: 'string' };
export const ctyNumber: CtyType = { kind: 'number' };
export const ctyBool: CtyType = { kind: 'bool' };
export const ctyDynamic: CtyType = { kind: 'dynamic' };
export const ctyList = (element: CtyType): CtyType => ({ kind: 'list', element });
export const ctySet = (element: CtyType): CtyType => ({ kind: 'set', element });
export const ctyMap = (element: CtyType): CtyType => ({ kind: 'map', element });
export const ctyObject = (attributes: Record<string, CtyType>, optional?: string[]): CtyType =>
  optional && optional.length > 0 ? { kind: 'object', attributes, optional } : { kind: 'object', attributes };
export const ctyTuple = (elements: CtyType[]): CtyType => ({ kind: 'tuple', elements });

export class CtyTypeError extends Error {
  readonly code = 'cty_type_invalid';
}

/** The JSON form of a type, as Terraform expects it in `Schema.Attribute.type`. */
export function typeToJson(type: CtyType): unknown {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'dynamic':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return [type.kind, typeToJson(type.element)];
    case 'object': {
      const attrs: Record<string, unknown> = {};
      for (const name of Object.keys(type.attributes).sort())
        attrs[name] = typeToJson(type.attributes[name]!);
      return type.optional && type.optional.length > 0
        ? ['object', attrs, [...type.optional].sort()]
        : ['object', attrs];
    }
    case 'tuple':
      return ['tuple', type.elements.map(typeToJson)];
  }
}

/** Bytes of the type's JSON text: what `Schema.Attribute.type` carries. */
export function typeToBytes(type: CtyType): Uint8Array {
  return Buffer.from(JSON.stringify(typeToJson(type)), 'utf8');
}

export function typeFromJson(json: unknown): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool') return { kind: json };
  if (json === 'dynamic') return ctyDynamic;
  if (Array.isArray(json) && typeof json[0] === 'string') {
    const [kind, arg, optional] = json as [string, unknown, unknown];
    if (kind === 'list' || kind === 'set' || kind === 'map') return { kind, element: typeFromJson(arg) };
    if (kind === 'object' && arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
      const attributes: Record<string, CtyType> = {};
      for (const [name, t] of Object.entries(arg)) attributes[name] = typeFromJson(t);
      const opt = Array.isArray(optional) ? optional.filter((o): o is string => typeof o === 'string') : [];
      return ctyObject(attributes, opt);
    }
    if (kind === 'tuple' && Array.isArray(arg)) return ctyTuple(arg.map(typeFromJson));
  }
  throw new CtyTypeError(`not a Terraform type: ${JSON.stringify(json)}`);
}

export function typesEqual(a: CtyType, b: CtyType): boolean {
  return JSON.stringify(typeToJson(a)) === JSON.stringify(typeToJson(b));
}
