import type { Plan, Region } from '../../api';
import { NoMatchError } from '../framework/lookup-errors';
import { listed } from './listing-words';

/** The plan with this (canonical, lower-case) id, or an error on `id` listing the plans there are. */
export function planById(plans: readonly Plan[], id: string): Plan {
  const plan = plans.find((p) => p.id === id);
  if (plan === undefined) {
    throw new NoMatchError(
      'No such plan',
      `There is no plan "${id}". Plans: ${listed(plans.map((p) => p.id))}.`,
      ['id'],
    );
  }
  return plan;
}

/** What `lightyear_plan` is asked for when it is not given an id. Minimums left out are no constraint. */
export interface PlanFilters {
  readonly region: string;
  readonly minVcpuCount?: number;
  readonly minRamMb?: number;
  readonly minDiskGb?: number;
}

interface Minimum {
  readonly attribute: 'min_vcpu_count' | 'min_ram_mb' | 'min_disk_gb';
  readonly value: number;
  readonly field: 'vcpu_count' | 'ram_mb' | 'disk_gb';
  readonly unit: string;
}

function minimumsOf(filters: PlanFilters): Minimum[] {
  const all: (Minimum | undefined)[] = [
    filters.minVcpuCount === undefined
      ? undefined
      : { attribute: 'min_vcpu_count', value: filters.minVcpuCount, field: 'vcpu_count', unit: 'vCPUs' },
    filters.minRamMb === undefined
      ? undefined
      : { attribute: 'min_ram_mb', value: filters.minRamMb, field: 'ram_mb', unit: 'MB RAM' },
    filters.minDiskGb === undefined
      ? undefined
      : { attribute: 'min_disk_gb', value: filters.minDiskGb, field: 'disk_gb', unit: 'GB disk' },
  ];
  return all.filter((m): m is Minimum => m !== undefined);
}

const meets = (plan: Plan, minimums: readonly Minimum[]) => minimums.every((m) => plan[m.field] >= m.value);

/**
 * The order "cheapest" means: lowest `monthly_cost_usd`, and among plans of the same price the id in
 * alphabetical order (so `vc2-…` before `vhf-…`): the same answer on every run, whatever order the API lists.
 */
export function cheaperFirst(a: Plan, b: Plan): number {
  if (a.monthly_cost_usd !== b.monthly_cost_usd) return a.monthly_cost_usd - b.monthly_cost_usd;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function describePlan(p: Plan): string {
  return `${p.id} (${p.vcpu_count} vCPUs, ${p.ram_mb} MB RAM, ${p.disk_gb} GB disk, $${p.monthly_cost_usd}/month)`;
}

/**
 * The cheapest plan offered in `filters.region` that has at least each minimum given. When none does, the
 * error says what the region has and where plans meeting the minimums are offered, on the argument that rules
 * everything out (the region itself, or the first minimum nothing in the region reaches).
 */
export function cheapestPlan(plans: readonly Plan[], regions: readonly Region[], filters: PlanFilters): Plan {
  const { region } = filters;
  if (!regions.some((r) => r.id === region)) {
    throw new NoMatchError(
      'No such region',
      `There is no region "${region}". Regions: ${listed(regions.map((r) => r.id))}.`,
      ['region'],
    );
  }
  const here = plans.filter((p) => p.regions.includes(region)).sort(cheaperFirst);
  if (here.length === 0) {
    throw new NoMatchError('No plan in this region', `No plan is offered in ${region}.`, ['region']);
  }
  const minimums = minimumsOf(filters);
  const chosen = here.find((p) => meets(p, minimums));
  if (chosen !== undefined) return chosen;

  const asked = minimums.map((m) => `${m.value} ${m.unit}`).join(' and ');
  // The argument to underline: the first minimum that no plan in the region reaches on its own; else (only the
  // combination is impossible) the last one given.
  const culprit = minimums.find((m) => !here.some((p) => meets(p, [m]))) ?? minimums[minimums.length - 1]!;
  const best = Math.max(...here.map((p) => p[culprit.field]));
  const elsewhere = [...plans].sort(cheaperFirst).filter((p) => meets(p, minimums));
  const elsewhereWords =
    elsewhere.length === 0
      ? 'No plan in any region has all of that.'
      : `Plans with that: ${elsewhere.map((p) => `${p.id} in ${listed(p.regions)}`).join('; ')}.`;
  throw new NoMatchError(
    'No plan matches',
    `No plan offered in ${region} has at least ${asked}. The most ${culprit.unit} a plan in ${region} has is ${best}; the plans there: ${here.map(describePlan).join(', ')}. ${elsewhereWords}`,
    [culprit.attribute],
  );
}
