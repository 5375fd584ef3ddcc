import type { LightyearClient } from '../../client';
import type { DataSourceDefinition, OperationContext } from '../framework/resource';
import { readState, toValue } from '../framework/typed-state';
import { apiCall } from '../resources/operations';
import { catalogOf } from './catalog-cache';
import { imageById, newestImage } from './image-selection';
import { cheapestPlan, planById } from './plan-selection';
import { regionById } from './region-lookup';
import { catalogIdOf } from './rules';
import {
  IMAGE_TYPE,
  imageSchema,
  PLAN_TYPE,
  planSchema,
  REGION_TYPE,
  regionSchema,
  type PlanDataState,
} from './schemas';

type Ctx = OperationContext<LightyearClient>;

/*
 * The catalog data sources. Each reads the provider's shared catalog (catalog-cache.ts: one GET per list per
 * provider process, however many data sources a configuration has) and picks with the pure functions beside
 * it. Configured ids come back in the API's lower-case spelling.
 */

const READING = 'Reading the catalog';

export const regionDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: REGION_TYPE,
  schema: regionSchema,
  async read(ctx: Ctx, config) {
    const { id } = readState(regionSchema, config);
    const regions = await apiCall(READING, regionSchema, () => catalogOf(ctx.client).regions(ctx.signal));
    const region = regionById(regions, catalogIdOf(id ?? ''));
    return toValue(regionSchema, {
      id: region.id,
      city: region.city,
      country: region.country,
      features: [...region.features],
    });
  },
};

export const planDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: PLAN_TYPE,
  schema: planSchema,
  lookupModes: [
    { arguments: ['id'] },
    { arguments: ['region', 'min_vcpu_count', 'min_ram_mb', 'min_disk_gb'], requires: ['region'] },
  ],
  async read(ctx: Ctx, config) {
    const asked = readState(planSchema, config);
    const catalog = catalogOf(ctx.client);
    const plans = await apiCall(READING, planSchema, () => catalog.plans(ctx.signal));
    let plan;
    if (asked.id !== null) {
      plan = planById(plans, catalogIdOf(asked.id));
    } else {
      const regions = await apiCall(READING, planSchema, () => catalog.regions(ctx.signal));
      plan = cheapestPlan(plans, regions, {
        region: catalogIdOf(asked.region ?? ''),
        ...(asked.min_vcpu_count === null ? {} : { minVcpuCount: asked.min_vcpu_count }),
        ...(asked.min_ram_mb === null ? {} : { minRamMb: asked.min_ram_mb }),
        ...(asked.min_disk_gb === null ? {} : { minDiskGb: asked.min_disk_gb }),
      });
    }
    const state: PlanDataState = {
      ...asked,
      id: plan.id,
      region: asked.region === null ? null : catalogIdOf(asked.region),
      vcpu_count: plan.vcpu_count,
      ram_mb: plan.ram_mb,
      disk_gb: plan.disk_gb,
      bandwidth_tb: plan.bandwidth_tb,
      monthly_cost_usd: plan.monthly_cost_usd,
      regions: [...plan.regions],
    };
    return toValue(planSchema, state);
  },
};

export const imageDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: IMAGE_TYPE,
  schema: imageSchema,
  lookupModes: [{ arguments: ['id'] }, { arguments: ['family'] }],
  async read(ctx: Ctx, config) {
    const asked = readState(imageSchema, config);
    const images = await apiCall(READING, imageSchema, () => catalogOf(ctx.client).images(ctx.signal));
    const image =
      asked.id !== null
        ? imageById(images, catalogIdOf(asked.id))
        : newestImage(images, catalogIdOf(asked.family ?? ''));
    return toValue(imageSchema, { id: image.id, family: image.family, name: image.name, arch: image.arch });
  },
};
