import type { CtyType } from '../provider/protocol/values';

export class CodegenError extends Error {
  readonly code = 'codegen_unsupported';
}

/** How one attribute type appears in a generated CDKTF binding. */
export interface BindingType {
  /** The TypeScript type of the config property. */
  readonly ts: string;
  /** The TypeScript type the attribute getter returns (a token). */
  readonly getterTs: string;
  /** Expression reading the attribute as a token, given the attribute name literal. */
  readonly getter: (name: string) => string;
  /** cdktf mapper turning the config value into Terraform JSON. */
  readonly toTerraform: string;
  readonly toHclTerraform: string;
  /** `type` and `storageClassType` of cdktf's HCL synthesis. */
  readonly hclType: string;
  readonly storageClassType: string;
}

const primitives: Record<'string' | 'number' | 'bool', BindingType> = {
  string: {
    ts: 'string',
    getterTs: 'string',
    getter: (n) => `this.getStringAttribute(${n})`,
    toTerraform: 'cdktf.stringToTerraform',
    toHclTerraform: 'cdktf.stringToHclTerraform',
    hclType: 'simple',
    storageClassType: 'string',
  },
  number: {
    ts: 'number',
    getterTs: 'number',
    getter: (n) => `this.getNumberAttribute(${n})`,
    toTerraform: 'cdktf.numberToTerraform',
    toHclTerraform: 'cdktf.numberToHclTerraform',
    hclType: 'simple',
    storageClassType: 'number',
  },
  bool: {
    ts: 'boolean | cdktf.IResolvable',
    getterTs: 'cdktf.IResolvable',
    getter: (n) => `this.getBooleanAttribute(${n})`,
    toTerraform: 'cdktf.booleanToTerraform',
    toHclTerraform: 'cdktf.booleanToHclTerraform',
    hclType: 'simple',
    storageClassType: 'boolean',
  },
};

/**
 * The binding of a cty type. Primitives and collections of primitives are what the provider's schemas use
 * today; a schema that introduces another shape fails generation here with its name, so the generator is
 * extended deliberately rather than emitting something wrong.
 */
export function bindingType(type: CtyType, where: string): BindingType {
  if (type.kind === 'string' || type.kind === 'number' || type.kind === 'bool') return primitives[type.kind];
  if (
    (type.kind === 'list' || type.kind === 'set') &&
    (type.element.kind === 'string' || type.element.kind === 'number')
  ) {
    const el = primitives[type.element.kind];
    const isString = type.element.kind === 'string';
    return {
      ts: `${el.ts}[]`,
      getterTs: `${el.ts}[]`,
      getter: (n) =>
        isString ? `cdktf.Fn.tolist(this.getListAttribute(${n}))` : `this.getNumberListAttribute(${n})`,
      toTerraform: `cdktf.listMapper(${el.toTerraform}, false)`,
      toHclTerraform: `cdktf.listMapperHcl(${el.toHclTerraform}, false)`,
      hclType: type.kind,
      storageClassType: `${el.storageClassType}List`,
    };
  }
  if (type.kind === 'map' && (type.element.kind === 'string' || type.element.kind === 'number')) {
    const el = primitives[type.element.kind];
    const isString = type.element.kind === 'string';
    return {
      ts: `{ [key: string]: ${el.ts} }`,
      getterTs: `{ [key: string]: ${el.ts} }`,
      getter: (n) => (isString ? `this.getStringMapAttribute(${n})` : `this.getNumberMapAttribute(${n})`),
      toTerraform: `cdktf.hashMapper(${el.toTerraform})`,
      toHclTerraform: `cdktf.hashMapperHcl(${el.toHclTerraform})`,
      hclType: 'map',
      storageClassType: `${el.storageClassType}Map`,
    };
  }
  throw new CodegenError(
    `${where}: no CDKTF binding for type ${JSON.stringify(type)} yet; extend src/codegen/cdktf-types.ts`,
  );
}
