/**
 * What `lyctl import` writes for one argument, independent of the output language: a plain value, a
 * reference to another generated resource's attribute, or a list/object of those. The HCL and the CDKTF
 * renderers both walk this, so both outputs say the same thing.
 */

/** `lightyear_instance.web.ipv4`: the attribute `attribute` of the generated resource `type.name`. */
export class Reference {
  constructor(
    readonly type: string,
    readonly name: string,
    readonly attribute: string,
  ) {}

  get address(): string {
    return `${this.type}.${this.name}.${this.attribute}`;
  }
}

/** An object's members in the schema's order (a Map keeps it even for names that look like numbers). */
export class ObjectExpression {
  constructor(readonly members: ReadonlyMap<string, Expression>) {}
}

export type Expression = string | number | boolean | Reference | ObjectExpression | readonly Expression[];

/** A nested block (`name { ... }`) of a resource: one body per item. */
export interface BlockExpression {
  readonly name: string;
  readonly items: readonly ObjectExpression[];
}

/** One resource to import: its configuration and the id `terraform import` takes. */
export interface ImportedResource {
  /** `lightyear_instance`. */
  readonly type: string;
  /** The HCL identifier: `web_1`. */
  readonly name: string;
  /** What an `import` block's `id` is. */
  readonly importId: string;
  /** The object's own `id` attribute as the provider reads it (what references to it resolve by). */
  readonly id: string;
  readonly attributes: ObjectExpression;
  readonly blocks: readonly BlockExpression[];
  /** Lines said above the resource: what could not be imported, and why. */
  readonly notes: readonly string[];
}
