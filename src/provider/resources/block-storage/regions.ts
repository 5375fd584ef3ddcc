import type { LightyearClient } from '../../../client';
import type { Region } from '../../../api';

const byClient = new WeakMap<LightyearClient, Promise<readonly Region[]>>();

/**
 * The region catalog, fetched once per configured provider: it is a short fixed list, and a plan of many
 * volumes should not ask for it once per volume. A failed fetch is forgotten, so the next plan asks again.
 */
export function catalogRegions(client: LightyearClient, signal: AbortSignal): Promise<readonly Region[]> {
  let regions = byClient.get(client);
  if (regions === undefined) {
    regions = client.regions.listAll(undefined, { signal });
    regions.catch(() => byClient.delete(client));
    byClient.set(client, regions);
  }
  return regions;
}

/**
 * Why a volume cannot be in `regionId` (it does not exist, or has no block storage), naming the regions that
 * have it; undefined when it can.
 */
export function blockRegionProblem(regions: readonly Region[], regionId: string): string | undefined {
  const offering = regions.filter((r) => r.features.includes('block_storage')).map((r) => r.id);
  const region = regions.find((r) => r.id === regionId);
  if (region !== undefined && region.features.includes('block_storage')) return undefined;
  const what =
    region === undefined
      ? `"${regionId}" is not a LightYear region`
      : `region ${regionId} (${region.city}) offers no block storage`;
  return `${what}; block storage is offered in ${offering.join(', ')}.`;
}
