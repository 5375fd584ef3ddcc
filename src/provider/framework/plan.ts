import {
  isObjectValue,
  UNKNOWN,
  Unknown,
  valuesEqual,
  type ObjectValue,
  type Value,
} from '../protocol/values';
import type { Path } from './diagnostics';
import { attributeEquivalent } from './equivalence';
import type { AttributeSchema, Nesting, ObjectSchema, ResourceSchema } from './schema';
import { attributeType, blockType, objectTypeOf } from './schema-walker';

export interface PlanResult {
  /** null: the object will be destroyed. */
  readonly planned: ObjectValue | null;
  /** Attributes whose change destroys and re-creates the object. */
  readonly requiresReplace: readonly Path[];
  /**
   * Some configured value was planned as the prior value because it only spells the same thing differently
   * (see `server.ts` on how Terraform is told to accept that).
   */
  readonly keptPriorSpelling: boolean;
}

/**
 * Turns Terraform's proposed new state into the planned state, in terraform-plugin-framework's order:
 *   1. defaults, and unknowns for computed values of objects being created; a configured spelling that
 *      means the same as the prior value is planned as the prior value (no diff, no replacement);
 *   2. only when something really changes: unknowns for computed values the change may alter;
 *   3. each attribute's plan modifiers, in order (useStateForUnknown, requiresReplace, ...).
 * The resource's own `modifyPlan` runs after this (server.ts). Nested objects are planned member by member
 * (list elements by index, map elements by key); set elements are configured whole and planned as written.
 */
export function planChange(
  schema: ResourceSchema,
  prior: ObjectValue | null,
  proposed: ObjectValue | null,
  config: ObjectValue | null,
): PlanResult {
  if (proposed === null) return { planned: null, requiresReplace: [], keptPriorSpelling: false };
  let keptPriorSpelling = false;

  let planned = mapObject(
    schema,
    prior,
    config,
    proposed,
    [],
    (s, p, c, v, priorObject, _path, configObject) => {
      if (c === null && s.computed) {
        if (s.default !== undefined) return s.default;
        return priorObject === null ? UNKNOWN : v;
      }
      if (
        priorObject !== null &&
        isKnown(c) &&
        isKnown(v) &&
        !same(s, v, p) &&
        attributeEquivalent(s, v, p, { a: configObject, b: priorObject })
      ) {
        keptPriorSpelling = true;
        return p;
      }
      return v;
    },
  );

  // A difference in Terraform-only settings alone (timeouts after an import) is no change: keep the prior ones.
  const realChange =
    prior === null ||
    !valuesEqual(
      withoutTerraformOnly(schema, planned),
      withoutTerraformOnly(schema, prior),
      objectTypeOf(schema),
    );
  if (!realChange && prior !== null) {
    for (const [name, b] of Object.entries(schema.blocks ?? {})) {
      if (b.terraformOnly && !valuesEqual(planned[name] ?? null, prior[name] ?? null, blockType(b))) {
        planned = { ...planned, [name]: prior[name] ?? null };
        keptPriorSpelling = true;
      }
    }
  }

  const changed = prior === null || !valuesEqual(planned, prior, objectTypeOf(schema));
  if (prior !== null && changed) {
    planned = mapObject(schema, prior, config, planned, [], (s, _p, c, v) =>
      c === null && s.computed && s.default === undefined ? UNKNOWN : v,
    );
  }

  const requiresReplace: Path[] = [];
  planned = mapObject(schema, prior, config, planned, [], (s, p, c, v, _priorObject, path) => {
    let value = v;
    for (const modifier of s.planModifiers ?? []) {
      modifier.modify({
        path,
        prior: p,
        config: c,
        planned: value,
        priorObject: prior,
        configObject: config,
        changed: prior === null || !same(s, value, p),
        setPlanned: (next) => {
          value = next;
        },
        keepPrior: () => {
          value = p;
          keptPriorSpelling = true;
        },
        requireReplace: () => {
          if (prior !== null && !requiresReplace.some((r) => samePath(r, path))) requiresReplace.push(path);
        },
      });
    }
    return value;
  });

  // A modifier that kept a prior value (`keepPrior`) may leave nothing real to change: then, as above, a
  // difference in Terraform-only settings alone is no change either.
  if (prior !== null && keptPriorSpelling && requiresReplace.length === 0) {
    const type = objectTypeOf(schema);
    if (valuesEqual(withoutTerraformOnly(schema, planned), withoutTerraformOnly(schema, prior), type)) {
      const kept: Record<string, Value> = { ...planned };
      for (const [name, b] of Object.entries(schema.blocks ?? {}))
        if (b.terraformOnly) kept[name] = prior[name] ?? null;
      planned = kept;
    }
  }

  return { planned, requiresReplace, keptPriorSpelling };
}

type Step = (
  schema: AttributeSchema,
  prior: Value,
  config: Value,
  planned: Value,
  /** The object holding the attribute as it is in state; null when that object is new. */
  priorObject: ObjectValue | null,
  path: Path,
  /** The configuration of the object holding the attribute; null when there is none. */
  configObject: ObjectValue | null,
) => Value;

/** Applies `step` to every attribute, then descends into the known nested objects of the result. */
function mapObject(
  schema: ObjectSchema,
  prior: ObjectValue | null,
  config: ObjectValue | null,
  planned: ObjectValue,
  path: Path,
  step: Step,
): ObjectValue {
  const out: Record<string, Value> = { ...planned };
  for (const [name, s] of Object.entries(schema.attributes)) {
    const at = [...path, name];
    const p = prior?.[name] ?? null;
    const c = config?.[name] ?? null;
    const v = step(s, p, c, out[name] ?? null, prior, at, config);
    out[name] = s.nested ? mapElements(s.nested.nesting, s.nested, p, c, v, at, step) : v;
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const at = [...path, name];
    out[name] = mapElements(
      b.nesting,
      b,
      prior?.[name] ?? null,
      config?.[name] ?? null,
      out[name] ?? null,
      at,
      step,
    );
  }
  return out;
}

function mapElements(
  nesting: Nesting,
  schema: ObjectSchema,
  prior: Value,
  config: Value,
  planned: Value,
  path: Path,
  step: Step,
): Value {
  if (planned === null || planned instanceof Unknown || nesting === 'set') return planned;
  if (nesting === 'single')
    return isObjectValue(planned)
      ? mapObject(schema, asObject(prior), asObject(config), planned, path, step)
      : planned;
  if (nesting === 'map') {
    if (!isObjectValue(planned)) return planned;
    const out: Record<string, Value> = {};
    for (const [key, element] of Object.entries(planned)) {
      out[key] = isObjectValue(element)
        ? mapObject(schema, member(prior, key), member(config, key), element, [...path, { key }], step)
        : element;
    }
    return out;
  }
  if (!Array.isArray(planned)) return planned;
  return (planned as readonly Value[]).map((element, i) =>
    isObjectValue(element)
      ? mapObject(schema, at(prior, i), at(config, i), element, [...path, i], step)
      : element,
  );
}

function asObject(v: Value): ObjectValue | null {
  return isObjectValue(v) ? v : null;
}

function member(v: Value, key: string): ObjectValue | null {
  return isObjectValue(v) ? asObject(v[key] ?? null) : null;
}

function at(v: Value, i: number): ObjectValue | null {
  return Array.isArray(v) ? asObject((v as readonly Value[])[i] ?? null) : null;
}

function isKnown(v: Value): boolean {
  return v !== null && !(v instanceof Unknown);
}

function same(s: AttributeSchema, a: Value, b: Value): boolean {
  return !(a instanceof Unknown) && valuesEqual(a, b, attributeType(s));
}

/** The object with its Terraform-only blocks (timeouts) nulled, to ask whether anything real differs. */
function withoutTerraformOnly(schema: ResourceSchema, value: ObjectValue): ObjectValue {
  const out: Record<string, Value> = { ...value };
  for (const [name, b] of Object.entries(schema.blocks ?? {})) if (b.terraformOnly) out[name] = null;
  return out;
}

function samePath(a: Path, b: Path): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
