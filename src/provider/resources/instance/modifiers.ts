import type { PlanModifier } from '../../framework/plan-modifiers';
import { Unknown } from '../../protocol/values';
import { userDataSha256 } from './rules';

/**
 * The instance's own plan modifiers: values that stay as they are unless one particular attribute changes.
 */

/**
 * vCPUs, memory and disk follow the plan: while `plan` stays, they stay; a new plan's sizes are planned from
 * the catalog by the resource's modifyPlan.
 */
export function keptUnlessPlanChanges(): PlanModifier {
  return {
    description: 'Keeps the value from state unless `plan` changes.',
    modify(req) {
      const prior = req.priorObject;
      if (prior === null || req.prior === null || !(req.planned instanceof Unknown)) return;
      if (typeof req.configObject?.plan === 'string' && req.configObject.plan === prior.plan)
        req.setPlanned(req.prior);
    },
  };
}

/** An update waits until the instance is active again, so an active instance is planned to stay active. */
export function activeStaysActive(): PlanModifier {
  return {
    description: 'An active instance stays active through an update.',
    modify(req) {
      if (req.priorObject !== null && req.prior === 'active' && req.planned instanceof Unknown)
        req.setPlanned('active');
    },
  };
}

/** A create with no `power_status` configured ends with the instance running. */
export function runningAfterCreate(): PlanModifier {
  return {
    description: 'Planned `running` on create unless configured.',
    modify(req) {
      if (req.priorObject === null && req.config === null) req.setPlanned('running');
    },
  };
}

/**
 * A value fixed when the instance is created, null included (`user_data_sha256` without user data): only a
 * replacement changes it, and a replacement plans a new object.
 */
export function fixedForLife(): PlanModifier {
  return {
    description: 'Keeps the value from state, null included; only a replacement changes it.',
    modify(req) {
      if (req.priorObject !== null && req.planned instanceof Unknown) req.setPlanned(req.prior);
    },
  };
}

/**
 * `tags_all` is planned by the resource's modifyPlan from `tags` and the provider's `default_tags`; until
 * then it holds the prior value, so that a plan whose only difference is a kept prior spelling stays empty.
 */
export function plannedByResource(): PlanModifier {
  return {
    description: 'Planned from `tags` and the provider `default_tags`.',
    modify(req) {
      if (req.priorObject !== null && req.planned instanceof Unknown) req.setPlanned(req.prior);
    },
  };
}

/** IPv6 is assigned only with `enable_ipv6`, which replaces the instance when changed. */
export function ipv6KeptFromState(): PlanModifier {
  return {
    description: 'Keeps the IPv6 address from state; null while IPv6 is not enabled.',
    modify(req) {
      const prior = req.priorObject;
      if (prior === null || !(req.planned instanceof Unknown)) return;
      if (req.prior !== null || prior.enable_ipv6 === false) req.setPlanned(req.prior);
    },
  };
}

/**
 * The API never returns user data, only its SHA-256 (`user_data_sha256`). After an import (or after a change
 * outside Terraform, see model.ts) the state holds no user data; a configured user data whose digest is the
 * instance's is then the same user data, and planned as no change instead of a replacement.
 */
export function userDataMatchingDigest(): PlanModifier {
  return {
    description: "User data whose SHA-256 is the instance's `user_data_sha256` is no change.",
    modify(req) {
      const prior = req.priorObject;
      if (prior === null || req.prior !== null || typeof req.config !== 'string') return;
      const digest = prior.user_data_sha256;
      if (typeof digest === 'string' && digest === userDataSha256(req.config)) req.keepPrior();
    },
  };
}

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
}

/**
 * A tag configured in `tags` that is also a default tag is not in `tags` after an import: the API cannot say
 * whose tag it is, and a read counts a carried tag that is a default as the default's (tags.ts `ownTags`).
 * Configured tags that hold everything the state's own tags hold, plus only tags the instance already carries
 * (which the read left out of `tags`, so defaults), are the same tags: no change, so import → plan is empty.
 */
export function defaultTagsAlsoConfigured(): PlanModifier {
  return {
    description: 'Configured tags that are also default tags the instance carries are no change.',
    modify(req) {
      const prior = req.priorObject;
      const configured = stringList(req.config);
      const carried = stringList(prior?.tags_all ?? null);
      if (prior === null || configured === null || carried === null || !req.changed) return;
      const own = stringList(req.prior) ?? [];
      if (own.every((t) => configured.includes(t)) && configured.every((t) => carried.includes(t)))
        req.keepPrior();
    },
  };
}
