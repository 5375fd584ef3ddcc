import { UNKNOWN, Unknown, valuesEqual, type ObjectValue, type Value } from '../protocol/values';
import type { Path } from './diagnostics';
import type { BlockSchema } from './schema';

export interface PlanResult {
  /** null: the object will be destroyed. */
  readonly planned: ObjectValue | null;
  /** Attributes whose change destroys and re-creates the object. */
  readonly requiresReplace: readonly Path[];
}

/**
 * Turns Terraform's proposed new state into the planned state, in a fixed order (as terraform-plugin-framework
 * does): defaults and unknowns for computed attributes the configuration leaves out, replacement triggers,
 * then — only when something really changes — unknowns for computed values the change may alter.
 *
 * Configured values are never rewritten here: Terraform rejects a plan that differs from the configuration.
 */
export function planChange(
  schema: BlockSchema,
  prior: ObjectValue | null,
  proposed: ObjectValue | null,
  config: ObjectValue | null,
): PlanResult {
  if (proposed === null) return { planned: null, requiresReplace: [] };
  const planned: Record<string, Value> = { ...proposed };
  const unconfiguredComputed = Object.entries(schema.attributes).filter(
    ([name, s]) => s.computed && (config?.[name] ?? null) === null,
  );

  for (const [name, s] of unconfiguredComputed) {
    if (s.default !== undefined) planned[name] = s.default;
    else if (prior === null) planned[name] = UNKNOWN;
  }

  if (prior === null) return { planned, requiresReplace: [] };

  const differs = (name: string) => {
    const type = schema.attributes[name]!.type;
    const a = planned[name] ?? null;
    const b = prior[name] ?? null;
    return a instanceof Unknown || !valuesEqual(a, b, type);
  };

  const requiresReplace: Path[] = Object.entries(schema.attributes)
    .filter(([name, s]) => s.requiresReplace && differs(name))
    .map(([name]) => [name]);

  const changed = Object.keys(schema.attributes).some(differs);
  if (changed) {
    for (const [name, s] of unconfiguredComputed) {
      if (!s.useStateForUnknown && s.default === undefined) planned[name] = UNKNOWN;
    }
  }
  return { planned, requiresReplace };
}
