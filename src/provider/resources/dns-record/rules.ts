import {
  judge,
  normalizeDomainName,
  normalizeRecordData,
  normalizeRecordType,
  normalizeWrittenRecordName,
  priorityProblem,
  recordDataToSend,
  sameDomain as sameDomainName,
  sameRecordData,
  sameRecordName,
  sameRecordType,
  ttlProblem,
  type DnsRecordType,
} from '../../../spelling';
import type { Diagnostics } from '../../framework/diagnostics';
import type { EquivalenceContext } from '../../framework/schema';
import { Unknown, type ObjectValue, type Value } from '../../protocol/values';
import { said } from '../dns-domain/rules';

/**
 * The API's rules for a DNS record (src/spelling), as the provider's validators and equivalence. What one
 * attribute decides alone is judged by its `validate`; what depends on the record's type (its data, its
 * priority) or its domain (its name) is judged here at validate time, once those are known.
 */

/** The record type in the API's spelling, or undefined when it is not (yet) a known type. */
export function recordType(value: Value | undefined): DnsRecordType | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeRecordType(value));
  return verdict.ok ? verdict.canonical : undefined;
}

/** The domain in the API's spelling, or undefined. */
export function canonicalDomain(value: Value | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeDomainName(value));
  return verdict.ok ? verdict.canonical : undefined;
}

/** The record name relative to its domain as the API takes it (`"@"` → `""`), or undefined. */
export function relativeName(name: Value | undefined, domain: Value | undefined): string | undefined {
  const d = canonicalDomain(domain);
  if (typeof name !== 'string' || d === undefined) return undefined;
  const verdict = judge(() => normalizeWrittenRecordName(name, d));
  return verdict.ok ? verdict.canonical : undefined;
}

export function checkRecordType(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeRecordType(value));
  return verdict.ok ? undefined : `type ${said(verdict.problem)}`;
}

export function checkTtl(value: Value): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'bigint') return undefined;
  const problem = ttlProblem(Number(value));
  return problem === undefined ? undefined : `ttl ${problem}`;
}

const known = (v: Value | undefined): v is Exclude<Value, Unknown> =>
  v !== undefined && !(v instanceof Unknown);

/** Name against the domain, data and priority against the type: each a diagnostic on its own attribute. */
export function validateRecordConfig(config: ObjectValue, diagnostics: Diagnostics): void {
  const type = recordType(config['type']);
  const name = config['name'];
  const domain = canonicalDomain(config['domain']);
  if (typeof name === 'string' && domain !== undefined) {
    const verdict = judge(() => normalizeWrittenRecordName(name, domain));
    if (!verdict.ok) diagnostics.error('Invalid name', `name ${said(verdict.problem)}`, ['name']);
  }
  if (type === undefined) return;
  const data = config['data'];
  if (typeof data === 'string') {
    const verdict = judge(() => normalizeRecordData(type, recordDataToSend(type, data)));
    if (!verdict.ok) {
      diagnostics.error('Invalid data', `data of a ${type} record ${said(verdict.problem)}`, ['data']);
    }
  }
  const priority = config['priority'];
  if (known(priority)) {
    const problem = priorityProblem(type, priority === null ? null : Number(priority));
    if (problem !== undefined) diagnostics.error('Invalid priority', `priority ${problem}`, ['priority']);
  }
}

export function sameDomain(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameDomainName(a, b);
}

export function sameType(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameRecordType(a, b);
}

/** `@`, `""` and `example.com.` are the apex; case and an absolute spelling never differ. */
export function sameName(a: Value, b: Value, within: EquivalenceContext): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const domain = [within.a?.['domain'], within.b?.['domain']].find((d) => typeof d === 'string');
  return typeof domain === 'string' && sameRecordName(a, b, domain);
}

/**
 * Data compared by the record's type: host names without case or trailing dot, IPv6 in any form, TXT quoted
 * or bare. Only when both objects are of one known type: data of different types is different data.
 */
export function sameData(a: Value, b: Value, within: EquivalenceContext): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const typeA = recordType(within.a?.['type']);
  const typeB = recordType(within.b?.['type']);
  return typeA !== undefined && typeA === typeB && sameRecordData(typeA, a, b);
}
