import type { Image, Plan, Region } from '../../api';
import type { LightyearClient } from '../../client';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type Command, type CommandGroup } from '../command';
import { printList } from '../output/print';
import type { Column } from '../output/table';

/*
 * The catalog: what a server or volume can be made of. The provider's errors about an unknown region, plan or
 * image point here (`npx lyctl region list`), so each list prints the id the provider takes in its first column.
 */

const regionColumns: readonly Column<Region>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'CITY', value: (r) => r.city },
  { header: 'COUNTRY', value: (r) => r.country },
  { header: 'FEATURES', value: (r) => r.features.join(',') },
];

const planColumns: readonly Column<Plan>[] = [
  { header: 'ID', value: (p) => p.id },
  { header: 'VCPUS', value: (p) => String(p.vcpu_count) },
  { header: 'RAM_MB', value: (p) => String(p.ram_mb) },
  { header: 'DISK_GB', value: (p) => String(p.disk_gb) },
  { header: 'BANDWIDTH_TB', value: (p) => String(p.bandwidth_tb) },
  { header: 'USD_MONTH', value: (p) => p.monthly_cost_usd.toFixed(2) },
  { header: 'REGIONS', value: (p) => p.regions.join(',') },
];

const imageColumns: readonly Column<Image>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'FAMILY', value: (i) => i.family },
  { header: 'NAME', value: (i) => i.name },
  { header: 'ARCH', value: (i) => i.arch },
];

function catalogList<T>(
  summary: string,
  columns: readonly Column<T>[],
  list: (client: LightyearClient) => Promise<T[]>,
): Command {
  return defineCommand({
    name: 'list',
    summary,
    description: CONNECTION_NOTE,
    options: { ...jsonOption, ...connectionOptions },
    async run(ctx, options) {
      printList(ctx, options.json, columns, await withClient(ctx, options, list));
      return 0;
    },
  });
}

export const regionCommands: CommandGroup = {
  name: 'region',
  summary: 'List the regions servers and volumes can be placed in',
  commands: [catalogList('List the regions', regionColumns, (client) => client.regions.listAll())],
};

const planList = defineCommand({
  name: 'list',
  summary: 'List the server plans (size and price), cheapest first',
  description: `--region keeps the plans offered in that region. ${CONNECTION_NOTE}`,
  options: {
    region: { type: 'string', valueName: 'R', description: 'only plans offered in this region' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const plans = await withClient(ctx, options, (client) => client.plans.listAll());
    const region = options.region?.trim().toLowerCase();
    printList(
      ctx,
      options.json,
      planColumns,
      region === undefined ? plans : plans.filter((p) => p.regions.includes(region)),
    );
    return 0;
  },
});

export const planCommands: CommandGroup = {
  name: 'plan',
  summary: 'List the server plans',
  commands: [planList],
};

export const imageCommands: CommandGroup = {
  name: 'image',
  summary: 'List the operating system images servers are deployed from',
  commands: [catalogList('List the images', imageColumns, (client) => client.images.listAll())],
};
