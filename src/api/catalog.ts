import { z } from 'zod';
import { listEnvelopeSchema, listQuerySchema } from './common';

/** What a region offers beyond plain instances; a feature a region lacks is refused there with a 400. */
export const REGION_FEATURES = ['block_storage', 'ipv6'] as const;
export const regionFeatureSchema = z.enum(REGION_FEATURES);
export type RegionFeature = z.infer<typeof regionFeatureSchema>;

export const regionSchema = z.object({
  /** `ams`, `fra`, `lon`, `nyc`, `sfo`, `sgp`, `syd`, `tyo`. */
  id: z.string(),
  city: z.string(),
  /** ISO 3166-1 alpha-2, e.g. `NL`. */
  country: z.string().length(2),
  /** Sorted. */
  features: z.array(regionFeatureSchema),
});
export type Region = z.infer<typeof regionSchema>;

export const planSchema = z.object({
  /** e.g. `vc2-1c-1gb`: family, vCPUs, RAM. */
  id: z.string(),
  vcpu_count: z.number().int().positive(),
  ram_mb: z.number().int().positive(),
  disk_gb: z.number().int().positive(),
  /** Monthly transfer allowance in terabytes. */
  bandwidth_tb: z.number().positive(),
  monthly_cost_usd: z.number().positive(),
  /** Ids of the regions that offer the plan, sorted. */
  regions: z.array(z.string()),
});
export type Plan = z.infer<typeof planSchema>;

export const imageSchema = z.object({
  /** e.g. `ubuntu-24.04`. */
  id: z.string(),
  /** The distribution, e.g. `ubuntu`. */
  family: z.string(),
  /** For people, e.g. `Ubuntu 24.04 LTS x64`. */
  name: z.string(),
  /** `x86_64` or `arm64`. */
  arch: z.enum(['x86_64', 'arm64']),
});
export type Image = z.infer<typeof imageSchema>;

/**
 * The catalog lists take `per_page` and `cursor` like every list, but no filters or sort: they are short,
 * fixed lists in a fixed order (regions and images by id, plans by price).
 */
export const catalogListQuerySchema = listQuerySchema.pick({ per_page: true, cursor: true });
export type CatalogListQuery = z.input<typeof catalogListQuerySchema>;

export const regionListSchema = listEnvelopeSchema('regions', regionSchema);
export type RegionList = z.infer<typeof regionListSchema>;
export const planListSchema = listEnvelopeSchema('plans', planSchema);
export type PlanList = z.infer<typeof planListSchema>;
export const imageListSchema = listEnvelopeSchema('images', imageSchema);
export type ImageList = z.infer<typeof imageListSchema>;
