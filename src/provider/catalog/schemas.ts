import { attr, dataSourceSchema, type StateOf } from '../framework/schema-builder';
import { checkCatalogId, checkMinimum } from './rules';

export const REGION_TYPE = 'lightyear_region';
export const PLAN_TYPE = 'lightyear_plan';
export const IMAGE_TYPE = 'lightyear_image';

const CASE =
  'Any case and surrounding blanks are accepted (`"AMS"`, `" ams "`); the attribute then reads in lower case, as the API spells it.';

export const regionSchema = dataSourceSchema({
  description: 'A region of LightYear Cloud, by id: where it is and what it offers beyond plain instances.',
  attributes: {
    id: attr.string({
      description: `The region id: \`ams\`, \`fra\`, \`lon\`, \`nyc\`, \`sfo\`, \`sgp\`, \`syd\` or \`tyo\`. ${CASE}`,
      required: true,
      validate: checkCatalogId('id'),
    }),
    city: attr.string({ description: 'The city the region is in, e.g. `Amsterdam`.', computed: true }),
    country: attr.string({
      description: 'The country, as an ISO 3166-1 alpha-2 code (`NL`).',
      computed: true,
    }),
    features: attr.stringSet({
      description:
        'What the region offers beyond instances: `block_storage` (block volumes can be created there) and `ipv6` (instances can have IPv6). A feature missing here is refused by the API in this region.',
      computed: true,
    }),
  },
});
export type RegionDataState = StateOf<typeof regionSchema>;

export const planSchema = dataSourceSchema({
  description:
    'A plan (instance size and price): by `id`, or the cheapest plan offered in a `region` that has at least `min_vcpu_count` vCPUs, `min_ram_mb` of RAM and `min_disk_gb` of disk. "Cheapest" is the lowest `monthly_cost_usd`; plans of the same price are ordered by id (alphabetically), so the choice is the same on every run.',
  attributes: {
    id: attr.string({
      description: `The plan id, e.g. \`vc2-1c-1gb\`. Set it to look a plan up by id; otherwise it is the id of the plan chosen by the filters. ${CASE}`,
      optional: true,
      computed: true,
      validate: checkCatalogId('id'),
    }),
    region: attr.string({
      description: `Look up the cheapest plan offered in this region (e.g. \`ams\`); needed whenever a \`min_*\` filter is set. Cannot be combined with \`id\`. ${CASE}`,
      optional: true,
      validate: checkCatalogId('region'),
    }),
    min_vcpu_count: attr.number({
      description: 'With `region`: only plans with at least this many vCPUs.',
      optional: true,
      validate: checkMinimum('min_vcpu_count'),
    }),
    min_ram_mb: attr.number({
      description: 'With `region`: only plans with at least this much RAM, in MB (1 GB = 1024 MB).',
      optional: true,
      validate: checkMinimum('min_ram_mb'),
    }),
    min_disk_gb: attr.number({
      description: 'With `region`: only plans with at least this much disk, in GB.',
      optional: true,
      validate: checkMinimum('min_disk_gb'),
    }),
    vcpu_count: attr.number({ description: 'Number of virtual CPUs.', computed: true }),
    ram_mb: attr.number({ description: 'RAM in MB.', computed: true }),
    disk_gb: attr.number({ description: 'Local disk in GB.', computed: true }),
    bandwidth_tb: attr.number({ description: 'Monthly transfer allowance in TB.', computed: true }),
    monthly_cost_usd: attr.number({ description: 'Price per month in US dollars.', computed: true }),
    regions: attr.stringSet({
      description: 'Ids of the regions that offer the plan; an instance of this plan must be in one of them.',
      computed: true,
    }),
  },
});
export type PlanDataState = StateOf<typeof planSchema>;

export const imageSchema = dataSourceSchema({
  description:
    'An operating system image: by `id`, or the newest image of a `family`. The catalog has no release dates; every image id is `<family>-<version>` (`ubuntu-24.04`, `debian-12`), so "newest" is the highest version, compared part by part as numbers (`24.04` after `22.04`, `12` after `9`).',
  attributes: {
    id: attr.string({
      description: `The image id, e.g. \`ubuntu-24.04\`. Set it to look an image up by id; otherwise it is the id of the newest image of \`family\`. ${CASE}`,
      optional: true,
      computed: true,
      validate: checkCatalogId('id'),
    }),
    family: attr.string({
      description: `The distribution, e.g. \`ubuntu\`, \`debian\`, \`rocky\`. Set it (without \`id\`) to get the family's newest image. ${CASE}`,
      optional: true,
      computed: true,
      validate: checkCatalogId('family'),
    }),
    name: attr.string({
      description: 'The image name for people, e.g. `Ubuntu 24.04 LTS x64`.',
      computed: true,
    }),
    arch: attr.string({ description: 'CPU architecture: `x86_64` or `arm64`.', computed: true }),
  },
});
export type ImageDataState = StateOf<typeof imageSchema>;
