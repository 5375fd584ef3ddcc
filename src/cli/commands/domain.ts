import type { DnsRecord, Domain } from '../../api';
import { CONNECTION_NOTE, connectionOptions, jsonOption, withClient } from '../cloud-command';
import { defineCommand, type CommandGroup } from '../command';
import { printList, printOne } from '../output/print';
import type { Column } from '../output/table';
import { terminalSafeCell } from '../terminal-text';
import {
  deleteCommand,
  listCommand,
  required,
  showCommand,
  wholeNumber,
  type KindSpec,
} from './kind-commands';

export const domainColumns: readonly Column<Domain>[] = [
  { header: 'DOMAIN', value: (d) => d.domain },
  { header: 'CREATED', value: (d) => d.created_at },
];

const domainSpec: KindSpec<Domain> = {
  noun: 'domain',
  idHint: 'its name, e.g. example.com',
  columns: domainColumns,
  get: (client, name) => client.domains.get(name),
  remove: (client, name) => client.domains.delete(name),
};

const createDomain = defineCommand({
  name: 'create',
  summary: 'Add a DNS domain',
  description:
    'Any case, with or without a trailing dot: the API stores it lower-case without one. ' + CONNECTION_NOTE,
  options: { ...jsonOption, ...connectionOptions },
  arguments: [{ name: 'DOMAIN', description: 'the domain, e.g. example.com' }],
  async run(ctx, options, args) {
    const domain = await withClient(ctx, options, (client) =>
      client.domains.create({ domain: args[0] as string }),
    );
    printOne(ctx, options.json, domainColumns, domain, 'row');
    return 0;
  },
});

export const domainCommands: CommandGroup = {
  name: 'domain',
  summary: 'List, add and delete DNS domains (records: `lyctl record`)',
  commands: [
    listCommand(domainSpec, {}, (client) => client.domains.listAll()),
    showCommand(domainSpec),
    createDomain,
    deleteCommand(domainSpec, 'Delete a DNS domain and all its records'),
  ],
};

export const recordColumns: readonly Column<DnsRecord>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'TYPE', value: (r) => r.type },
  { header: 'NAME', value: (r) => (r.name === '' ? '@' : r.name) },
  { header: 'DATA', value: (r) => r.data },
  { header: 'TTL', value: (r) => r.ttl },
  { header: 'PRIORITY', value: (r) => r.priority },
];

const domainOption = {
  domain: { type: 'string', valueName: 'DOMAIN', description: 'the domain the record belongs to (required)' },
} as const;

const recordFields: readonly Column<DnsRecord>[] = [
  ...recordColumns,
  { header: 'DOMAIN', value: (r) => r.domain },
  { header: 'CREATED', value: (r) => r.created_at },
];

const listRecords = defineCommand({
  name: 'list',
  summary: 'List the records of a domain',
  description: CONNECTION_NOTE,
  options: {
    ...domainOption,
    type: {
      type: 'string',
      valueName: 'TYPE',
      description: 'only records of this type (A, AAAA, CNAME, MX, TXT, ...)',
    },
    name: { type: 'string', valueName: 'NAME', description: 'only records of this name (@ for the apex)' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const domain = required(options.domain, 'domain', 'record list');
    const records = await withClient(ctx, options, (client) =>
      client.dnsRecords(domain).listAll({
        ...(options.type === undefined ? {} : { type: options.type.toUpperCase() as DnsRecord['type'] }),
        ...(options.name === undefined ? {} : { name: options.name }),
      }),
    );
    printList(ctx, options.json, recordColumns, records);
    return 0;
  },
});

const showRecord = defineCommand({
  name: 'show',
  summary: 'Show one record',
  description: CONNECTION_NOTE,
  options: { ...domainOption, ...jsonOption, ...connectionOptions },
  arguments: [{ name: 'ID', description: 'the record (rec_...)' }],
  async run(ctx, options, args) {
    const domain = required(options.domain, 'domain', 'record show');
    const record = await withClient(ctx, options, (client) =>
      client.dnsRecords(domain).get(args[0] as string),
    );
    printOne(ctx, options.json, recordFields, record);
    return 0;
  },
});

const createRecord = defineCommand({
  name: 'create',
  summary: 'Add a record to a domain',
  description:
    'The API answers the data in its canonical form per type (lower-case names, IPv6 shortened). ' +
    CONNECTION_NOTE,
  options: {
    ...domainOption,
    type: {
      type: 'string',
      valueName: 'TYPE',
      description: 'A, AAAA, CNAME, MX, TXT, NS, SRV, CAA (required)',
    },
    name: {
      type: 'string',
      valueName: 'NAME',
      description: 'relative to the domain; @ for the apex (required)',
    },
    value: {
      type: 'string',
      valueName: 'DATA',
      description: "the record's data: address, target or text (required; --data names the data directory)",
    },
    ttl: { type: 'string', valueName: 'SECONDS', description: 'time to live (API default when not given)' },
    priority: { type: 'string', valueName: 'N', description: 'MX and SRV only (required for them)' },
    ...jsonOption,
    ...connectionOptions,
  },
  async run(ctx, options) {
    const command = 'record create';
    const domain = required(options.domain, 'domain', command);
    const request = {
      type: required(options.type, 'type', command).toUpperCase() as DnsRecord['type'],
      name: options.name ?? required(undefined, 'name', command),
      data: required(options.value, 'value', command),
      ...(options.ttl === undefined ? {} : { ttl: wholeNumber(options.ttl, 'ttl', 0, 2 ** 31 - 1) }),
      ...(options.priority === undefined
        ? {}
        : { priority: wholeNumber(options.priority, 'priority', 0, 65535) }),
    };
    const record = await withClient(ctx, options, (client) => client.dnsRecords(domain).create(request));
    printOne(ctx, options.json, recordColumns, record, 'row');
    return 0;
  },
});

const deleteRecord = defineCommand({
  name: 'delete',
  summary: 'Delete a record',
  description: CONNECTION_NOTE,
  options: { ...domainOption, ...connectionOptions },
  arguments: [{ name: 'ID', description: 'the record (rec_...)' }],
  async run(ctx, options, args) {
    const domain = required(options.domain, 'domain', 'record delete');
    const id = args[0] as string;
    await withClient(ctx, options, (client) => client.dnsRecords(domain).delete(id));
    ctx.out(`Deleted record ${terminalSafeCell(id)}`);
    return 0;
  },
});

export const recordCommands: CommandGroup = {
  name: 'record',
  summary: 'List, add and delete the DNS records of a domain',
  commands: [listRecords, showRecord, createRecord, deleteRecord],
};
