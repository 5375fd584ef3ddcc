import type { Plan } from '../../../src/api';
import { PLANS, REGIONS } from '../../../src/cloud/catalog';
import { NoMatchError } from '../../../src/provider/framework/lookup-errors';
import { cheapestPlan, planById } from '../../../src/provider/catalog/plan-selection';

function noMatch(run: () => unknown): NoMatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoMatchError) return error;
    throw error;
  }
  throw new Error('expected a NoMatchError');
}

const plan = (id: string, cost: number, regions = ['ams']): Plan => ({
  id,
  vcpu_count: 1,
  ram_mb: 1024,
  disk_gb: 25,
  bandwidth_tb: 1,
  monthly_cost_usd: cost,
  regions,
});

describe('plan selection', () => {
  it('finds a plan by id, or says which plans exist', () => {
    expect(planById(PLANS, 'vc2-2c-4gb').vcpu_count).toBe(2);
    const error = noMatch(() => planById(PLANS, 'vc2-64c'));
    expect(error.path).toEqual(['id']);
    expect(error.code).toBe('no_match');
    expect(error.detail).toContain('There is no plan "vc2-64c". Plans: vc2-1c-1gb, vc2-1c-2gb, vhf-1c-2gb');
  });

  it.each([
    [{ region: 'ams' }, 'vc2-1c-1gb'],
    [{ region: 'ams', minRamMb: 2048 }, 'vc2-1c-2gb'],
    [{ region: 'ams', minDiskGb: 60 }, 'vhf-1c-2gb'],
    [{ region: 'sfo', minDiskGb: 60 }, 'vc2-2c-4gb'],
    [{ region: 'ams', minVcpuCount: 4, minRamMb: 16384 }, 'vhf-4c-16gb'],
    [{ region: 'nyc', minVcpuCount: 4, minRamMb: 16384 }, 'vc2-8c-32gb'],
    [{ region: 'syd', minVcpuCount: 0 }, 'vc2-1c-1gb'],
  ])('picks the cheapest plan offered for %j: %s', (filters, id) => {
    expect(cheapestPlan(PLANS, REGIONS, filters).id).toBe(id);
  });

  it('breaks a tie of price by id, whatever order the API lists plans in', () => {
    const tied = [plan('vhf-b', 5), plan('vc2-z', 5), plan('vc2-a', 5), plan('vc2-cheap', 4, ['fra'])];
    expect(cheapestPlan(tied, REGIONS, { region: 'ams' }).id).toBe('vc2-a');
    expect(cheapestPlan([...tied].reverse(), REGIONS, { region: 'ams' }).id).toBe('vc2-a');
  });

  it('names the regions there are for an unknown region, on region', () => {
    const error = noMatch(() => cheapestPlan(PLANS, REGIONS, { region: 'mars' }));
    expect(error.path).toEqual(['region']);
    expect(error.detail).toBe('There is no region "mars". Regions: ams, fra, lon, nyc, sfo, sgp, syd, tyo.');
  });

  it('says what the region has and where the minimums are met, on the minimum nothing there reaches', () => {
    const error = noMatch(() => cheapestPlan(PLANS, REGIONS, { region: 'sfo', minVcpuCount: 8 }));
    expect(error.summary).toBe('No plan matches');
    expect(error.path).toEqual(['min_vcpu_count']);
    expect(error.detail).toContain('No plan offered in sfo has at least 8 vCPUs.');
    expect(error.detail).toContain('The most vCPUs a plan in sfo has is 4');
    expect(error.detail).toContain('Plans with that: vc2-8c-32gb in ams, fra, nyc.');
  });

  it('underlines the minimum that rules everything out, not the first one given', () => {
    const error = noMatch(() =>
      cheapestPlan(PLANS, REGIONS, { region: 'sfo', minVcpuCount: 2, minRamMb: 16384 }),
    );
    expect(error.path).toEqual(['min_ram_mb']);
    expect(error.detail).toContain('Plans with that: vhf-4c-16gb in ams, fra; vc2-8c-32gb in ams, fra, nyc.');
  });

  it('underlines the last minimum when only their combination is impossible', () => {
    const plans = [
      { ...plan('many-cpus', 5), vcpu_count: 8 },
      { ...plan('much-ram', 6), ram_mb: 65536 },
    ];
    const error = noMatch(() =>
      cheapestPlan(plans, REGIONS, { region: 'ams', minVcpuCount: 8, minRamMb: 65536 }),
    );
    expect(error.path).toEqual(['min_ram_mb']);
    expect(error.detail).toContain('No plan in any region has all of that.');
  });

  it('refuses a region no plan is offered in, on region', () => {
    const error = noMatch(() => cheapestPlan([plan('a', 1, ['fra'])], REGIONS, { region: 'ams' }));
    expect(error.path).toEqual(['region']);
    expect(error.detail).toBe('No plan is offered in ams.');
  });
});
