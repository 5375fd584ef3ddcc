import type { Firewall, InboundRule, OutboundRule } from '../../api';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { UsageError } from '../errors';
import { printOne } from '../output/print';
import type { Column } from '../output/table';
import { deleteCommand, listCommand, required, showCommand, type KindSpec } from './kind-commands';

function ruleText(rule: { protocol: string; ports?: string }, cidrs: readonly string[]): string {
  return `${rule.protocol}${rule.ports === undefined ? '' : `:${rule.ports}`}@${cidrs.join(',')}`;
}

export const firewallColumns: readonly Column<Firewall>[] = [
  { header: 'ID', value: (f) => f.id },
  { header: 'NAME', value: (f) => f.name },
  { header: 'INBOUND', value: (f) => f.inbound_rules.map((r) => ruleText(r, r.sources)).join(' ') },
  { header: 'OUTBOUND', value: (f) => f.outbound_rules.map((r) => ruleText(r, r.destinations)).join(' ') },
  { header: 'SERVERS', value: (f) => f.instance_ids },
];

const spec: KindSpec<Firewall> = {
  noun: 'firewall',
  idHint: 'fw_...',
  columns: firewallColumns,
  fields: [...firewallColumns, { header: 'CREATED', value: (f) => f.created_at }],
  get: (client, id) => client.firewalls.get(id),
  remove: (client, id) => client.firewalls.delete(id),
};

const RULE_SYNTAX = 'PROTO[:PORTS]@CIDR[,CIDR...], e.g. tcp:22@0.0.0.0/0,::/0 or icmp@0.0.0.0/0';

/**
 * `tcp:22@0.0.0.0/0,::/0` as a rule. `@` separates the addresses because IPv6 CIDRs hold colons. Only the
 * shape is checked here; the API checks protocols, ports and CIDRs and says why, and answers them canonical.
 */
export function parseRule(text: string, flag: string): { protocol: string; ports?: string; cidrs: string[] } {
  const at = text.indexOf('@');
  if (at === -1)
    throw new UsageError('invalid_option_value', `--${flag} '${text}' has no @; write ${RULE_SYNTAX}`);
  const head = text.slice(0, at);
  const cidrs = text
    .slice(at + 1)
    .split(',')
    .map((cidr) => cidr.trim())
    .filter((cidr) => cidr !== '');
  const colon = head.indexOf(':');
  const protocol = (colon === -1 ? head : head.slice(0, colon)).trim().toLowerCase();
  const ports = colon === -1 ? undefined : head.slice(colon + 1).trim();
  if (protocol === '' || cidrs.length === 0 || ports === '') {
    throw new UsageError('invalid_option_value', `--${flag} '${text}' is incomplete; write ${RULE_SYNTAX}`);
  }
  return { protocol, ...(ports === undefined ? {} : { ports }), cidrs };
}

const create = defineCommand({
  name: 'create',
  summary: 'Create a firewall',
  description: `Rules: ${RULE_SYNTAX}. A direction without rules allows nothing. ${CONNECTION_NOTE}`,
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'the firewall name (required)' },
    inbound: {
      type: 'string',
      valueName: 'RULE',
      multiple: true,
      description: 'an inbound rule; repeatable',
    },
    outbound: {
      type: 'string',
      valueName: 'RULE',
      multiple: true,
      description: 'an outbound rule; repeatable',
    },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const name = required(options.name, 'name', 'firewall create');
    const inbound = (options.inbound ?? []).map((text): InboundRule => {
      const { cidrs, ...rule } = parseRule(text, 'inbound');
      return { ...rule, sources: cidrs } as InboundRule;
    });
    const outbound = (options.outbound ?? []).map((text): OutboundRule => {
      const { cidrs, ...rule } = parseRule(text, 'outbound');
      return { ...rule, destinations: cidrs } as OutboundRule;
    });
    const firewall = await withClient(ctx, options, (client) =>
      client.firewalls.create({ name, inbound_rules: inbound, outbound_rules: outbound }),
    );
    printOne(ctx, options.json, firewallColumns, firewall, 'row');
    return 0;
  },
});

export const firewallCommands: CommandGroup = {
  name: 'firewall',
  summary: 'List, create and delete firewalls',
  commands: [
    listCommand(
      spec,
      { name: { valueName: 'NAME', description: 'only the firewall with exactly this name' } },
      (client, query) => client.firewalls.listAll(query),
    ),
    showCommand(spec),
    create,
    deleteCommand(spec),
  ],
};
