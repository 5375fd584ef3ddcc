import type { LightyearClient } from '../../../client';
import type { Image, Plan, Region } from '../../../api';
import { catalogOf } from '../../catalog/catalog-cache';

/** The catalog the plan-time checks need. */
export interface InstanceCatalog {
  readonly regions: readonly Region[];
  readonly plans: readonly Plan[];
  readonly images: readonly Image[];
}

/** From the provider's one catalog cache (src/provider/catalog), shared with the data sources. */
export async function instanceCatalog(
  client: LightyearClient,
  signal: AbortSignal,
): Promise<InstanceCatalog> {
  const catalog = catalogOf(client);
  const [regions, plans, images] = await Promise.all([
    catalog.regions(signal),
    catalog.plans(signal),
    catalog.images(signal),
  ]);
  return { regions, plans, images };
}
