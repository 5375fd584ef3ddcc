import type { Image, Plan, Region, RegionFeature } from '../api';

/**
 * What the local cloud sells: fixed data, the same in every local cloud. A few regions lack block
 * storage or IPv6 and a few plans are not offered everywhere, so the API's refusals for those cases
 * are real ones a client can meet (and test against).
 */

/** By id. `sfo` and `syd` have no block storage; `sgp` and `syd` have no IPv6. */
export const REGIONS: readonly Region[] = [
  { id: 'ams', city: 'Amsterdam', country: 'NL', features: ['block_storage', 'ipv6'] },
  { id: 'fra', city: 'Frankfurt', country: 'DE', features: ['block_storage', 'ipv6'] },
  { id: 'lon', city: 'London', country: 'GB', features: ['block_storage', 'ipv6'] },
  { id: 'nyc', city: 'New York', country: 'US', features: ['block_storage', 'ipv6'] },
  { id: 'sfo', city: 'San Francisco', country: 'US', features: ['ipv6'] },
  { id: 'sgp', city: 'Singapore', country: 'SG', features: ['block_storage'] },
  { id: 'syd', city: 'Sydney', country: 'AU', features: [] },
  { id: 'tyo', city: 'Tokyo', country: 'JP', features: ['block_storage', 'ipv6'] },
];

const ALL_REGIONS = REGIONS.map((region) => region.id);

/**
 * By monthly cost, then id. `vc2-*` (regular) is offered almost everywhere; `vhf-*` (high frequency)
 * only in some regions. Disks grow with the plan, except that a `vhf` disk is larger than the `vc2`
 * disk of the same size, so moving from `vhf` back to `vc2` is a shrink the API refuses.
 */
export const PLANS: readonly Plan[] = [
  plan('vc2-1c-1gb', 1, 1024, 25, 1, 5, ALL_REGIONS),
  plan('vc2-1c-2gb', 1, 2048, 55, 2, 10, ALL_REGIONS),
  plan('vhf-1c-2gb', 1, 2048, 64, 2, 12, ['ams', 'fra', 'lon', 'nyc', 'tyo']),
  plan('vc2-2c-4gb', 2, 4096, 80, 3, 20, ALL_REGIONS),
  plan('vhf-2c-4gb', 2, 4096, 128, 3, 24, ['ams', 'fra', 'nyc']),
  plan('vc2-4c-8gb', 4, 8192, 160, 4, 40, ['ams', 'fra', 'lon', 'nyc', 'sfo', 'sgp', 'tyo']),
  plan('vhf-4c-16gb', 4, 16384, 256, 5, 96, ['ams', 'fra']),
  plan('vc2-8c-32gb', 8, 32768, 640, 6, 160, ['ams', 'fra', 'nyc']),
];

/** By id. */
export const IMAGES: readonly Image[] = [
  { id: 'almalinux-9', family: 'almalinux', name: 'AlmaLinux 9 x64', arch: 'x86_64' },
  { id: 'debian-11', family: 'debian', name: 'Debian 11 x64 (bullseye)', arch: 'x86_64' },
  { id: 'debian-12', family: 'debian', name: 'Debian 12 x64 (bookworm)', arch: 'x86_64' },
  { id: 'fedora-40', family: 'fedora', name: 'Fedora 40 x64', arch: 'x86_64' },
  { id: 'rocky-9', family: 'rocky', name: 'Rocky Linux 9 x64', arch: 'x86_64' },
  { id: 'ubuntu-22.04', family: 'ubuntu', name: 'Ubuntu 22.04 LTS x64', arch: 'x86_64' },
  { id: 'ubuntu-24.04', family: 'ubuntu', name: 'Ubuntu 24.04 LTS x64', arch: 'x86_64' },
];

function plan(
  id: string,
  vcpu_count: number,
  ram_mb: number,
  disk_gb: number,
  bandwidth_tb: number,
  monthly_cost_usd: number,
  regions: readonly string[],
): Plan {
  return { id, vcpu_count, ram_mb, disk_gb, bandwidth_tb, monthly_cost_usd, regions: [...regions] };
}

export function findRegion(id: string): Region | undefined {
  return REGIONS.find((region) => region.id === id);
}

export function findPlan(id: string): Plan | undefined {
  return PLANS.find((candidate) => candidate.id === id);
}

export function findImage(id: string): Image | undefined {
  return IMAGES.find((image) => image.id === id);
}

export function regionHasFeature(region: Region, feature: RegionFeature): boolean {
  return region.features.includes(feature);
}
