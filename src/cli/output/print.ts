import type { CommandContext } from '../command';
import { formatFields, formatTable, type Column } from './table';

/**
 * How a command prints what the API answered. `--json` prints the API's own objects with the API's field
 * names (an array for a list, one object otherwise), so a script reads the same fields as the API docs; the
 * table is for people and may change.
 */
export function printList<T>(
  ctx: CommandContext,
  json: boolean | undefined,
  columns: readonly Column<T>[],
  rows: readonly T[],
): void {
  if (json === true) ctx.out(JSON.stringify(rows, null, 2));
  else for (const line of formatTable(columns, rows)) ctx.out(line);
}

/** One object: `show` lays it out as fields, `create` and `deploy` as a one-row table (`asRow`). */
export function printOne<T>(
  ctx: CommandContext,
  json: boolean | undefined,
  columns: readonly Column<T>[],
  item: T,
  layout: 'fields' | 'row' = 'fields',
): void {
  if (json === true) ctx.out(JSON.stringify(item, null, 2));
  else
    for (const line of layout === 'fields' ? formatFields(columns, item) : formatTable(columns, [item]))
      ctx.out(line);
}
