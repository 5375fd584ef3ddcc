import type { CtyType, Value } from '../protocol/values';

/**
 * How a resource, data source or the provider describes its attributes. One description drives everything:
 * the tfplugin6 schema Terraform sees, the plan engine, validation, the generated CDKTF bindings and the docs.
 */
export interface AttributeSchema {
  readonly type: CtyType;
  /** Markdown; shown in docs and in the generated bindings. */
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** Redacted in plans and CLI output; still stored in state, as Terraform does for any sensitive value. */
  readonly sensitive?: boolean;
  /** A change to this attribute destroys and re-creates the object. */
  readonly requiresReplace?: boolean;
  /**
   * A computed value that never changes once the object exists (an id, a creation time): keep the prior
   * value in plans instead of marking it unknown whenever something else changes.
   */
  readonly useStateForUnknown?: boolean;
  /** For optional+computed attributes: the value planned when the configuration leaves it out. */
  readonly default?: Value;
  /** Checks a known, non-null configured value; returns why it is refused, or undefined. */
  readonly validate?: (value: Value) => string | undefined;
  readonly deprecated?: string;
}

export interface BlockSchema {
  /** Bump when the state shape changes, and give the resource an `upgradeState` for older versions. */
  readonly version: number;
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
}

export class SchemaDefinitionError extends Error {
  readonly code = 'schema_invalid';
}

/** Catches contradictions in a schema description before Terraform does, with a message that names them. */
export function assertValidSchema(name: string, schema: BlockSchema): void {
  for (const [attr, s] of Object.entries(schema.attributes)) {
    const where = `${name}.${attr}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(attr))
      throw new SchemaDefinitionError(`${where}: not a valid attribute name`);
    if (!s.required && !s.optional && !s.computed)
      throw new SchemaDefinitionError(`${where}: must be required, optional or computed`);
    if (s.required && (s.optional || s.computed))
      throw new SchemaDefinitionError(`${where}: required excludes optional and computed`);
    if (s.default !== undefined && !(s.optional && s.computed))
      throw new SchemaDefinitionError(`${where}: a default needs optional and computed`);
    if (s.useStateForUnknown && !s.computed)
      throw new SchemaDefinitionError(`${where}: useStateForUnknown applies to computed attributes only`);
  }
}
