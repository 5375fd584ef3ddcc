/**
 * `lyctl region list`, `plan list [--region R]` and `image list`, run as a process against a local cloud:
 * the lists the provider's errors point to, as tables and as the API's JSON.
 */
import type { Image, Plan, Region } from '../../../src/api';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { runLyctl } from './lyctl-process';

describe('lyctl region|plan|image list', () => {
  let cloud: TestCloud;
  const lyctl = (args: readonly string[]) =>
    runLyctl(args, { env: { LIGHTYEAR_ENDPOINT: cloud.url, LIGHTYEAR_API_KEY: cloud.apiKey } });

  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it('lists the regions as the API has them', async () => {
    const api = (await cloud.request('GET', '/regions?per_page=100')).body.regions as Region[];
    const json = await lyctl(['region', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api);
    const table = await lyctl(['region', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CITY\s+COUNTRY\s+FEATURES$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(api.map((r) => r.id));
  });

  it('lists the plans, and only those of a region with --region', async () => {
    const api = (await cloud.request('GET', '/plans?per_page=100')).body.plans as Plan[];
    const all = await lyctl(['plan', 'list', '--json']);
    expect(JSON.parse(all.stdout)).toEqual(api);
    const region = api[0]!.regions[0]!;
    const some = await lyctl(['plan', 'list', '--region', region.toUpperCase(), '--json']);
    expect(some.code).toBe(0);
    expect(JSON.parse(some.stdout)).toEqual(api.filter((p) => p.regions.includes(region)));
    const table = await lyctl(['plan', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ID\s+VCPUS\s+RAM_MB\s+DISK_GB\s+BANDWIDTH_TB\s+USD_MONTH\s+REGIONS$/,
    );
  });

  it('lists the images', async () => {
    const api = (await cloud.request('GET', '/images?per_page=100')).body.images as Image[];
    const json = await lyctl(['image', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(api);
    const table = await lyctl(['image', 'list']);
    expect(table.stdout).toContain(api[0]!.name);
  });

  it('says which key is missing rather than listing nothing', async () => {
    const run = await runLyctl(['region', 'list'], {
      env: { LIGHTYEAR_ENDPOINT: cloud.url, LIGHTYEAR_API_KEY: 'ly_wrong000000000000000000' },
    });
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
  });
});
