import type { LightyearClient } from '../../../client';
import type { Region } from '../../../api';
import { catalogOf } from '../../catalog/catalog-cache';

/** From the provider's one catalog cache (src/provider/catalog), shared with the data sources and instances. */
export function catalogRegions(client: LightyearClient, signal: AbortSignal): Promise<readonly Region[]> {
  return catalogOf(client).regions(signal);
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
