import type { LightyearClient } from '../../../client';
import type { Image, Plan, Region } from '../../../api';

/** The catalog the plan-time checks need, fetched once per provider process (it changes with releases). */
export interface InstanceCatalog {
  readonly regions: readonly Region[];
  readonly plans: readonly Plan[];
  readonly images: readonly Image[];
}

const byClient = new WeakMap<LightyearClient, Promise<InstanceCatalog>>();

export function instanceCatalog(client: LightyearClient, signal: AbortSignal): Promise<InstanceCatalog> {
  let catalog = byClient.get(client);
  if (catalog === undefined) {
    catalog = Promise.all([
      client.regions.listAll({}, { signal }),
      client.plans.listAll({}, { signal }),
      client.images.listAll({}, { signal }),
    ]).then(([regions, plans, images]) => ({ regions, plans, images }));
    // A failed fetch is not remembered: the next plan asks again.
    catalog.catch(() => byClient.delete(client));
    byClient.set(client, catalog);
  }
  return catalog;
}
