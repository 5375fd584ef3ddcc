import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  judge,
  normalizeDomainName,
  normalizeRecordData,
  normalizeRecordType,
  normalizeWrittenRecordName,
  priorityProblem,
  ttlProblem,
  type DnsRecordType,
  type SpellingProblem,
} from '../src/spelling';
import * as tf from './generated';
import { problemOf, propFailures, propMessage } from './rules';
import type { Server } from './server';
import { isConcrete } from './validation';

export interface DnsZoneProps {
  /**
   * The domain (`example.com`). Any spelling of it is taken (`Example.COM.`): the zone is created under the
   * canonical one, lower-case and without the trailing dot. Destroying the zone removes all its records.
   */
  readonly domain: string;
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

export interface DnsRecordOptions {
  /** `A`, `AAAA`, `CNAME`, `MX`, `TXT`, `NS`, `SRV` or `CAA` (any case); changing it replaces the record. */
  readonly type: DnsRecordType | Lowercase<DnsRecordType>;
  /**
   * The name relative to the zone (`www`), or absolute with its trailing dot (`www.example.com.`); `""` or `"@"`
   * is the apex. @default the apex
   */
  readonly name?: string;
  /**
   * The record data, checked for its type: an A record needs an IPv4 address, an AAAA record an IPv6 one; host
   * names in any case, with or without the trailing dot; TXT text plain or zone-file quoted.
   */
  readonly data: string;
  /** 60 to 86400. @default 300 */
  readonly ttlSeconds?: number;
  /** Required for MX and SRV, refused for other types. @default none */
  readonly priority?: number;
}

/** A DNS zone (`lightyear_dns_domain`) with helpers that add its records, including ones for servers. */
export class DnsZone extends Construct {
  /** The underlying `lightyear_dns_domain` resource, for escape hatches. */
  public readonly resource: tf.DnsDomain;
  /** The domain in its canonical spelling when it was given as a value; else the token as given. */
  public readonly domain: string;
  private readonly provider?: TerraformProvider;

  public constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    this.provider = props.provider;
    const verdict = isConcrete(props.domain) ? judge(() => normalizeDomainName(props.domain)) : undefined;
    this.domain = verdict?.ok === true ? verdict.canonical : props.domain;
    this.resource = new tf.DnsDomain(this, 'Resource', { domain: this.domain, provider: props.provider });
    this.node.addValidation({
      validate: () => propFailures(this, [['domain', verdict?.ok === false ? verdict.problem : undefined]]),
    });
  }

  /** Adds one record; `id` names it in the construct tree. */
  public addRecord(id: string, options: DnsRecordOptions): tf.DnsRecord {
    const record = new tf.DnsRecord(this, id, {
      // A reference, so Terraform creates the zone first and removes the records before it.
      domain: this.resource.domain,
      type: options.type,
      name: options.name ?? '',
      data: options.data,
      ttl: options.ttlSeconds,
      priority: options.priority,
      provider: this.provider,
    });
    const domain = this.domain;
    record.node.addValidation({
      validate: () => {
        const problems = recordProblems(domain, options);
        return problems.map(([prop, problem]) => propMessage(record, prop, problem));
      },
    });
    return record;
  }

  /**
   * Points `name` at a server: an A record for its IPv4 address and, when it has IPv6 enabled, an AAAA
   * record for its IPv6 one. Their data is known only after the server exists; Terraform creates them in
   * the same apply.
   */
  public addServer(name: string, server: Server, options: { ttlSeconds?: number } = {}): tf.DnsRecord[] {
    const id = name === '' || name === '@' ? 'apex' : name.replace(/[^A-Za-z0-9_-]/g, '_');
    const records = [this.addRecord(`${id}-A`, { type: 'A', name, data: server.ipv4, ...options })];
    if (server.ipv6Enabled)
      records.push(this.addRecord(`${id}-AAAA`, { type: 'AAAA', name, data: server.ipv6, ...options }));
    return records;
  }
}

function recordProblems(domain: string, o: DnsRecordOptions): [string, SpellingProblem][] {
  const problems: [string, SpellingProblem | undefined][] = [];
  const typeVerdict = isConcrete(o.type) ? judge(() => normalizeRecordType(o.type)) : undefined;
  if (typeVerdict?.ok === false) problems.push(['type', typeVerdict.problem]);
  const type: DnsRecordType | undefined = typeVerdict?.ok === true ? typeVerdict.canonical : undefined;
  if (isConcrete(domain) && o.name !== undefined)
    problems.push(['name', problemOf(o.name, (t) => normalizeWrittenRecordName(t, domain))]);
  if (type !== undefined) problems.push(['data', problemOf(o.data, (t) => normalizeRecordData(type, t))]);
  if (o.ttlSeconds !== undefined && isConcrete(o.ttlSeconds))
    problems.push(['ttlSeconds', reasonOnly('invalid_ttl', ttlProblem(o.ttlSeconds))]);
  if (type !== undefined && (o.priority === undefined || isConcrete(o.priority)))
    problems.push(['priority', reasonOnly('invalid_priority', priorityProblem(type, o.priority ?? null))]);
  return problems.filter((p): p is [string, SpellingProblem] => p[1] !== undefined);
}

function reasonOnly(code: string, reason: string | undefined): SpellingProblem | undefined {
  return reason === undefined ? undefined : { code, reason };
}
