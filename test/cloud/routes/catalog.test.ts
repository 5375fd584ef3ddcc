import { errorEnvelopeSchema, imageListSchema, planListSchema, regionListSchema } from '../../../src/api';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

/** A key that may only read DNS: the catalog needs no permission of its own. */
async function unrelatedKey(): Promise<string> {
  const res = await cloud.request('POST', '/account/api-keys', {
    body: { name: 'dns reader', permissions: ['dns:read'] },
  });
  expect(res.status).toBe(201);
  return res.body.secret as string;
}

describe('GET /regions', () => {
  it('lists the eight regions by id, some without block storage or IPv6', async () => {
    const res = await cloud.request('GET', '/regions');
    expect(res.status).toBe(200);
    const { regions, meta } = regionListSchema.parse(res.body);
    expect(regions.map((r) => r.id)).toEqual(['ams', 'fra', 'lon', 'nyc', 'sfo', 'sgp', 'syd', 'tyo']);
    expect(meta).toEqual({ total: 8, next_cursor: null });
    expect(regions[0]).toEqual({
      id: 'ams',
      city: 'Amsterdam',
      country: 'NL',
      features: ['block_storage', 'ipv6'],
    });
    expect(regions.filter((r) => !r.features.includes('block_storage')).map((r) => r.id)).toEqual([
      'sfo',
      'syd',
    ]);
    expect(regions.filter((r) => !r.features.includes('ipv6')).map((r) => r.id)).toEqual(['sgp', 'syd']);
  });
});

describe('GET /plans', () => {
  it('lists plans by price, each offered in known regions, some not everywhere', async () => {
    const res = await cloud.request('GET', '/plans');
    expect(res.status).toBe(200);
    const { plans, meta } = planListSchema.parse(res.body);
    expect(meta.total).toBe(plans.length);
    expect(plans[0]).toEqual({
      id: 'vc2-1c-1gb',
      vcpu_count: 1,
      ram_mb: 1024,
      disk_gb: 25,
      bandwidth_tb: 1,
      monthly_cost_usd: 5,
      regions: ['ams', 'fra', 'lon', 'nyc', 'sfo', 'sgp', 'syd', 'tyo'],
    });
    const costs = plans.map((p) => p.monthly_cost_usd);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    const regionIds = regionListSchema
      .parse((await cloud.request('GET', '/regions')).body)
      .regions.map((r) => r.id);
    for (const plan of plans) {
      expect(plan.regions.every((id) => regionIds.includes(id))).toBe(true);
      expect(plan.regions).toEqual([...plan.regions].sort());
    }
    expect(plans.some((p) => p.regions.length < regionIds.length)).toBe(true);
    expect(plans.map((p) => p.id)).toEqual(
      expect.arrayContaining(['vc2-1c-2gb', 'vc2-2c-4gb', 'vc2-4c-8gb']),
    );
  });
});

describe('GET /images', () => {
  it('lists images by id with family, name and arch', async () => {
    const res = await cloud.request('GET', '/images');
    expect(res.status).toBe(200);
    const { images } = imageListSchema.parse(res.body);
    const ids = images.map((i) => i.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['ubuntu-24.04', 'ubuntu-22.04', 'debian-12', 'rocky-9']));
    expect(images.find((i) => i.id === 'debian-12')).toEqual({
      id: 'debian-12',
      family: 'debian',
      name: 'Debian 12 x64 (bookworm)',
      arch: 'x86_64',
    });
  });
});

describe('the catalog lists', () => {
  it.each(['regions', 'plans', 'images'])('/%s pages with per_page and cursor', async (list) => {
    const whole = (await cloud.request('GET', `/${list}`)).body[list] as { id: string }[];
    const walked: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await cloud.request(
        'GET',
        `/${list}?per_page=3${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(res.status).toBe(200);
      expect(res.body[list].length).toBeLessThanOrEqual(3);
      expect(res.body.meta.total).toBe(whole.length);
      walked.push(...res.body[list]);
      cursor = res.body.meta.next_cursor;
    } while (cursor !== null);
    expect(walked).toEqual(whole);
  });

  it('need a valid key but no permission of their own', async () => {
    const bare = await unrelatedKey();
    for (const list of ['regions', 'plans', 'images']) {
      expect((await cloud.request('GET', `/${list}`, { apiKey: bare })).status).toBe(200);
      const anonymous = await cloud.request('GET', `/${list}`, { apiKey: null });
      expect(anonymous.status).toBe(401);
    }
  });

  it('refuse a cursor of another list, a made-up cursor, filters and sorting (400)', async () => {
    const regionsCursor = (await cloud.request('GET', '/regions?per_page=1')).body.meta.next_cursor as string;
    const cases: [string, string][] = [
      [`/plans?cursor=${regionsCursor}`, 'cursor'],
      ['/images?cursor=bm90IGEgY3Vyc29y', 'cursor'],
      ['/regions?per_page=0', 'per_page'],
      ['/plans?region=ams', 'region'],
      ['/images?sort=id', 'sort'],
    ];
    for (const [path, field] of cases) {
      const res = await cloud.request('GET', path);
      expect(res.status).toBe(400);
      const envelope = errorEnvelopeSchema.parse(res.body);
      expect(envelope.error.details?.field).toBe(field);
    }
  });

  it('are read-only: other methods are 404 with Allow: GET', async () => {
    const res = await cloud.request('POST', '/regions', { body: {} });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
