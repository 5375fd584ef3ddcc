/**
 * The catalog cache, and the catalog data sources reading through it via the framework server. The client is
 * a stand-in holding the catalog lists, counting the fetches: what is under test is how often they happen.
 */
import type { LightyearClient } from '../../../src/client';
import { IMAGES, PLANS, REGIONS } from '../../../src/cloud/catalog';
import { catalogCache, catalogOf } from '../../../src/provider/catalog/catalog-cache';
import {
  imageDataSource,
  planDataSource,
  regionDataSource,
} from '../../../src/provider/catalog/data-sources';
import { imageSchema, planSchema, regionSchema } from '../../../src/provider/catalog/schemas';
import { configOf, dataSourceHarness, errorsOf } from '../../helpers/framework-harness';

function catalogClient() {
  const fetches = { regions: 0, plans: 0, images: 0 };
  const listing = <T>(kind: keyof typeof fetches, items: readonly T[]) => ({
    listAll: async () => {
      fetches[kind] += 1;
      return [...items];
    },
  });
  const client = {
    regions: listing('regions', REGIONS),
    plans: listing('plans', PLANS),
    images: listing('images', IMAGES),
  } as unknown as LightyearClient;
  return { client, fetches };
}

describe('catalog cache', () => {
  it('fetches each list once per client, shared by concurrent readers', async () => {
    const { client, fetches } = catalogClient();
    const [a, b] = await Promise.all([catalogOf(client).plans(), catalogOf(client).plans()]);
    await catalogOf(client).plans();
    expect(a).toBe(b);
    expect(fetches).toEqual({ regions: 0, plans: 1, images: 0 });
    const other = catalogClient();
    await catalogOf(other.client).plans();
    expect(other.fetches.plans).toBe(1);
  });

  it('forgets a failed fetch, so the next read tries again', async () => {
    let calls = 0;
    const cache = catalogCache({
      regions: async () => {
        calls += 1;
        if (calls === 1) throw new Error('rate limited');
        return REGIONS;
      },
      plans: async () => PLANS,
      images: async () => IMAGES,
    });
    await expect(cache.regions()).rejects.toThrow('rate limited');
    await expect(cache.regions()).resolves.toBe(REGIONS);
    await cache.regions();
    expect(calls).toBe(2);
  });

  it('stops one waiter on its own signal without failing the shared fetch for the others', async () => {
    let finish: (regions: typeof REGIONS) => void = () => undefined;
    const cache = catalogCache({
      regions: () => new Promise((resolve) => (finish = resolve)),
      plans: async () => PLANS,
      images: async () => IMAGES,
    });
    const controller = new AbortController();
    const cancelled = cache.regions(controller.signal);
    const other = cache.regions();
    controller.abort(new Error('interrupted'));
    await expect(cancelled).rejects.toThrow('interrupted');
    finish(REGIONS);
    await expect(other).resolves.toBe(REGIONS);
  });
});

describe('catalog data sources', () => {
  it('answer many reads from one fetch of each list, in the API spelling of the ids', async () => {
    const { client, fetches } = catalogClient();
    const plans = await dataSourceHarness(planDataSource, client);
    const regions = await dataSourceHarness(regionDataSource, client);
    const images = await dataSourceHarness(imageDataSource, client);
    const cheapest = await plans.read(configOf(planSchema, { region: ' SFO ', min_ram_mb: 4096 }));
    expect(cheapest.diagnostics).toEqual([]);
    expect(cheapest.state).toMatchObject({ id: 'vc2-2c-4gb', region: 'sfo', min_ram_mb: 4096, ram_mb: 4096 });
    const byId = await plans.read(configOf(planSchema, { id: 'VHF-1C-2GB' }));
    expect(byId.state).toMatchObject({ id: 'vhf-1c-2gb', region: null, monthly_cost_usd: 12 });
    const ams = await regions.read(configOf(regionSchema, { id: 'Ams' }));
    expect(ams.state).toEqual({
      id: 'ams',
      city: 'Amsterdam',
      country: 'NL',
      features: ['block_storage', 'ipv6'],
    });
    const debian = await images.read(configOf(imageSchema, { family: 'DEBIAN' }));
    expect(debian.state).toMatchObject({ id: 'debian-12', family: 'debian' });
    expect(fetches).toEqual({ regions: 1, plans: 1, images: 1 });
  });

  it('report what is missing on the argument, with nothing in state', async () => {
    const { client } = catalogClient();
    const images = await dataSourceHarness(imageDataSource, client);
    const res = await images.read(configOf(imageSchema, { family: 'gentoo' }));
    expect(errorsOf(res.diagnostics)).toEqual([{ summary: 'No such image family', path: ['family'] }]);
    expect(res.state).toBeNull();
  });
});
