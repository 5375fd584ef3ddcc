import type { LightyearClient } from '../../client';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type Command, type CommandContext } from '../command';
import { UsageError } from '../errors';
import { printList, printOne } from '../output/print';
import type { Column } from '../output/table';
import { terminalSafeCell } from '../terminal-text';

/*
 * The commands every kind shares, in one grammar: `<kind> list`, `<kind> show ID`, `<kind> delete ID`.
 * `create` and the actions differ per kind and are written in the kind's own file.
 */

/** What the shared commands need to know about a kind. */
export interface KindSpec<T> {
  /** As said in sentences: `firewall`, `SSH key`. */
  readonly noun: string;
  /** What its id looks like, for help: `fw_...`. */
  readonly idHint: string;
  readonly columns: readonly Column<T>[];
  /** Every field, for `show`; defaults to `columns`. */
  readonly fields?: readonly Column<T>[];
  readonly get: (client: LightyearClient, id: string) => Promise<T>;
  readonly remove: (client: LightyearClient, id: string) => Promise<void>;
}

export function showCommand<T>(spec: KindSpec<T>): Command {
  return defineCommand({
    name: 'show',
    summary: `Show one ${spec.noun}`,
    description: CONNECTION_NOTE,
    options: { ...jsonOption, ...connectionOptions },
    arguments: [{ name: 'ID', description: `the ${spec.noun} (${spec.idHint})` }],
    async run(ctx, options, args) {
      const item = await withClient(ctx, options, (client) => spec.get(client, args[0] as string));
      printOne(ctx, options.json, spec.fields ?? spec.columns, item);
      return 0;
    },
  });
}

export function deleteCommand<T>(spec: KindSpec<T>, summary = `Delete a ${spec.noun}`): Command {
  return defineCommand({
    name: 'delete',
    summary,
    description: CONNECTION_NOTE,
    options: { ...connectionOptions },
    arguments: [{ name: 'ID', description: `the ${spec.noun} (${spec.idHint})` }],
    async run(ctx, options, args) {
      const id = args[0] as string;
      await withClient(ctx, options, (client) => spec.remove(client, id));
      ctx.out(`Deleted ${spec.noun} ${terminalSafeCell(id)}`);
      return 0;
    },
  });
}

/** A list command whose filters are plain string options passed to the API's list query as they are. */
export function listCommand<T, F extends string>(
  spec: KindSpec<T>,
  filters: Readonly<
    Record<F, { readonly valueName: string; readonly description: string; readonly query?: string }>
  >,
  list: (client: LightyearClient, query: Partial<Record<string, string>>) => Promise<T[]>,
  summary = `List the ${spec.noun}s of the account`,
): Command {
  const filterOptions = Object.fromEntries(
    Object.entries<{ valueName: string; description: string }>(filters).map(([name, filter]) => [
      name,
      { type: 'string', valueName: filter.valueName, description: filter.description } as const,
    ]),
  );
  return defineCommand({
    name: 'list',
    summary,
    description: CONNECTION_NOTE,
    options: { ...filterOptions, ...jsonOption, ...connectionOptions },
    async run(ctx, options) {
      const query: Record<string, string> = {};
      for (const [name, filter] of Object.entries<{ query?: string }>(filters)) {
        const value = (options as Record<string, unknown>)[name];
        if (typeof value === 'string') query[filter.query ?? name] = value;
      }
      const items = await withClient(ctx, options, (client) => list(client, query));
      printList(ctx, options.json, spec.columns, items);
      return 0;
    },
  });
}

/** The value of a required option, or the usage error naming it: `server deploy needs --region`. */
export function required(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value === '') {
    throw new UsageError('missing_option_value', `${command} needs --${flag}`);
  }
  return value;
}

/** A whole number option within bounds. */
export function wholeNumber(value: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(
      'invalid_option_value',
      `--${flag} must be a whole number from ${min} to ${max}, not '${value}'`,
    );
  }
  return Number(value);
}

export type { CommandContext };
