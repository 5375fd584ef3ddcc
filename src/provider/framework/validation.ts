import { Unknown, type ObjectValue, type Value } from '../protocol/values';
import type { Diagnostics } from './diagnostics';
import type { ObjectSchema } from './schema';
import { walkValue } from './schema-walker';

/**
 * What can be judged of a configuration without the API, at `terraform validate` (and before every plan):
 * values set for attributes the provider computes, each attribute's own rule on its known value, and block
 * counts. Unknown values are judged later, when they are known.
 */
export function validateConfig(schema: ObjectSchema, config: ObjectValue, diagnostics: Diagnostics): void {
  walkValue(schema, config, (v) => {
    if (v.value === null || v.value instanceof Unknown) return;
    const name = describe(v.path);
    if (v.kind === 'block') {
      const count = Array.isArray(v.value) ? (v.value as readonly Value[]).length : 1;
      const { minItems, maxItems } = v.schema;
      if (minItems !== undefined && count < minItems)
        diagnostics.error(
          `Too few ${name} blocks`,
          `At least ${minItems} ${name} block(s) are required; found ${count}.`,
          v.path,
        );
      if (maxItems !== undefined && count > maxItems)
        diagnostics.error(
          `Too many ${name} blocks`,
          `At most ${maxItems} ${name} block(s) are allowed; found ${count}.`,
          v.path,
        );
      return;
    }
    const s = v.schema;
    if (s.computed && !s.optional && !s.required) {
      // Terraform would plan it, apply would return the API's value, and the object would end up tainted with
      // "Provider produced inconsistent result": refuse it here instead.
      diagnostics.error(
        `Can't configure ${name}`,
        `${name} is decided by the provider and read back into state; remove it from the configuration (refer to it as an attribute instead).`,
        v.path,
      );
      return;
    }
    const reason = s.validate?.(v.value);
    if (reason !== undefined) diagnostics.error(`Invalid ${name}`, reason, v.path);
  });
}

/** `inbound_rules.ports`: the attribute names of a path, as users write them in HCL. */
function describe(path: readonly unknown[]): string {
  return path.filter((step): step is string => typeof step === 'string').join('.');
}
