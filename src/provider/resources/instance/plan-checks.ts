import type { Plan } from '../../../api';
import type { InstanceCatalog } from './catalog';

/** A plan-time refusal, on the attribute the user wrote. */
export interface PlanProblem {
  readonly attribute: 'region' | 'plan' | 'image' | 'enable_ipv6';
  readonly summary: string;
  readonly detail: string;
}

export interface PlannedChoice {
  /** Null where the value is not known yet (it comes from another resource): not checked. */
  readonly region: string | null;
  readonly plan: string | null;
  readonly image: string | null;
  readonly enableIpv6: boolean | null;
}

/** What the instance is now, for a resize; null on create. */
export interface CurrentSize {
  readonly plan: string;
  readonly diskGb: number;
}

function ids(list: readonly { readonly id: string }[]): string {
  return list.map((x) => x.id).join(', ');
}

/**
 * The checks the API makes on create and resize, made at plan time from the catalog, so `terraform plan`
 * already says what `apply` would be refused for: an unknown region or image, a plan that does not exist
 * or is not offered in the region, IPv6 where the region has none, and a resize to a smaller disk.
 */
export function catalogProblems(
  catalog: InstanceCatalog,
  chosen: PlannedChoice,
  current: CurrentSize | null,
): { problems: PlanProblem[]; plan: Plan | undefined } {
  const problems: PlanProblem[] = [];
  const region = chosen.region === null ? undefined : catalog.regions.find((r) => r.id === chosen.region);
  if (chosen.region !== null && region === undefined) {
    problems.push({
      attribute: 'region',
      summary: 'Unknown region',
      detail: `"${chosen.region}" is not a LightYear Cloud region. Regions: ${ids(catalog.regions)}.`,
    });
  }
  if (chosen.image !== null && !catalog.images.some((i) => i.id === chosen.image)) {
    problems.push({
      attribute: 'image',
      summary: 'Unknown image',
      detail: `"${chosen.image}" is not an image. Images: ${ids(catalog.images)}.`,
    });
  }
  const plan = chosen.plan === null ? undefined : catalog.plans.find((p) => p.id === chosen.plan);
  if (chosen.plan !== null && plan === undefined) {
    problems.push({
      attribute: 'plan',
      summary: 'Unknown plan',
      detail: `"${chosen.plan}" is not a plan. Plans: ${ids(catalog.plans)}.`,
    });
  } else if (plan !== undefined && region !== undefined && !plan.regions.includes(region.id)) {
    const offered = catalog.plans.filter((p) => p.regions.includes(region.id));
    problems.push({
      attribute: 'plan',
      summary: 'Plan not offered in the region',
      detail: `Plan ${plan.id} is not offered in region ${region.id}. Plans offered there: ${ids(offered)}.`,
    });
  } else if (
    plan !== undefined &&
    current !== null &&
    plan.id !== current.plan &&
    plan.disk_gb < current.diskGb
  ) {
    problems.push({
      attribute: 'plan',
      summary: 'Cannot resize to a smaller disk',
      detail: `Plan ${plan.id} has a ${plan.disk_gb} GB disk, smaller than the instance's ${current.diskGb} GB (plan ${current.plan}); disks cannot shrink. Choose a plan with at least ${current.diskGb} GB, or replace the instance.`,
    });
  }
  if (chosen.enableIpv6 === true && region !== undefined && !region.features.includes('ipv6')) {
    problems.push({
      attribute: 'enable_ipv6',
      summary: 'IPv6 not available in the region',
      detail: `Region ${region.id} has no IPv6. Regions with IPv6: ${ids(catalog.regions.filter((r) => r.features.includes('ipv6')))}.`,
    });
  }
  return { problems, plan };
}
