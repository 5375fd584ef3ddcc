import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import {
  INVENTORY_KINDS,
  discoverInventory,
  relationsText,
  type InventoryKind,
  type InventoryRow,
} from '../discovery/inventory';
import { formatTable, type Column } from '../output/table';

export function parseKind(text: string): InventoryKind {
  const kind = text.toLowerCase();
  if (!(INVENTORY_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      'invalid_option_value',
      `--kind must be one of ${INVENTORY_KINDS.join(', ')}, not '${text}'`,
    );
  }
  return kind as InventoryKind;
}

const COLUMNS: readonly Column<InventoryRow>[] = [
  { header: 'KIND', value: (r) => r.kind },
  { header: 'ID', value: (r) => r.id },
  { header: 'NAME', value: (r) => r.name },
  { header: 'REGION', value: (r) => r.region },
  { header: 'STATE', value: (r) => r.state },
  { header: 'RELATIONS', value: (r) => relationsText(r) },
];

export const discoverCommand = defineCommand({
  name: 'discover',
  summary: 'Inventory the account: every object as a row (kind, id, name, region, state, relations)',
  description:
    `Kinds: ${INVENTORY_KINDS.join(', ')}. --region keeps only the servers and volumes of that region; ` +
    'account-wide kinds are always listed. --json prints {"columns": [{"key", "label"}...], "rows": [...]} ' +
    'with relations as {"name": [ids]}. ' +
    CONNECTION_NOTE,
  options: {
    kind: { type: 'string', valueName: 'K', multiple: true, description: 'only this kind; repeatable' },
    region: { type: 'string', valueName: 'R', description: 'only servers and volumes in this region' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const kinds = (options.kind ?? []).map(parseKind);
    const inventory = await withClient(ctx, options, (client) =>
      discoverInventory(client, {
        kinds,
        ...(options.region === undefined ? {} : { region: options.region }),
      }),
    );
    if (options.json === true) ctx.out(JSON.stringify(inventory, null, 2));
    else for (const line of formatTable(COLUMNS, inventory.rows)) ctx.out(line);
    return 0;
  },
});
