import { Unknown, type ObjectValue, type Value } from '../protocol/values';
import type { Path } from './diagnostics';

/** What a plan modifier sees of one attribute, and how it changes the plan. */
export interface PlanModifierRequest {
  readonly path: Path;
  /** The attribute's value in state; null when the object is being created. */
  readonly prior: Value;
  readonly config: Value;
  /** The value planned so far (defaults applied, unknown where the provider will decide). */
  readonly planned: Value;
  /** The whole prior object, or null on create. */
  readonly priorObject: ObjectValue | null;
  /** The whole configuration object, for modifiers whose decision depends on a sibling attribute. */
  readonly configObject: ObjectValue | null;
  /** Whether planned differs from prior (an unknown differs from everything). */
  readonly changed: boolean;
  setPlanned(value: Value): void;
  /**
   * Plans the prior value although the configuration says otherwise, because the two mean the same in a way
   * only the whole object can tell (configured user data whose digest is the one the API reports after an
   * import). Terraform is told to accept that as a value equivalent spellings are (see server.ts).
   */
  keepPrior(): void;
  requireReplace(): void;
}

/**
 * One step of an attribute's planning, as in terraform-plugin-framework: modifiers run in order, each seeing
 * what the previous one planned. `replaces` lets the docs say "forces replacement" without running it.
 */
export interface PlanModifier {
  readonly description: string;
  readonly replaces?: boolean;
  modify(req: PlanModifierRequest): void;
}

/**
 * A computed value that never changes once the object exists (an id, a creation time): plan the prior value
 * instead of "(known after apply)" whenever something else about the object changes.
 */
export function useStateForUnknown(): PlanModifier {
  return {
    description: 'Keeps the value from state once it is known.',
    modify(req) {
      if (req.priorObject !== null && req.prior !== null && req.planned instanceof Unknown)
        req.setPlanned(req.prior);
    },
  };
}

/** A change to this attribute destroys and re-creates the object. */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf(() => true, 'Changing it destroys and re-creates the object.');
}

/**
 * A change destroys and re-creates the object only when `when` says so (a size that may grow in place but not
 * shrink; a spelling change that is not a real one is never seen here: equivalent spellings are planned as
 * the prior value before modifiers run).
 */
export function requiresReplaceIf(
  when: (req: PlanModifierRequest) => boolean,
  description: string,
): PlanModifier {
  return {
    description,
    replaces: true,
    modify(req) {
      if (req.priorObject !== null && req.changed && when(req)) req.requireReplace();
    },
  };
}
