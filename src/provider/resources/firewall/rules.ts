import {
  canonicalRuleCidr,
  judge,
  MAX_PORT,
  MIN_PORT,
  NAME_LIMITS,
  nameProblem,
  parseRulePorts,
  parseRuleProtocol,
  portsForProtocolProblem,
  sameName,
  sameRules,
  type CidrKey,
  type WrittenRule,
  type SpellingProblem,
} from '../../../spelling';
import { isObjectValue, Unknown, type ObjectValue, type Value } from '../../protocol/values';

/**
 * The API's own rules for a firewall (src/spelling), as the provider's validators and equivalence, read
 * leniently where a spelling has one meaning (`"TCP"`, `"22-22"`, a bare address: the `parseRule*` rules);
 * the model sends the canonical spelling, so the API's strict contract never sees these. A rule is
 * an element of a set, which has no address Terraform can underline, so every problem lands on the rule list
 * (`inbound_rules`) and names the rule as the user wrote it.
 */

/** The API's limits (src/api/firewalls.ts): rules per direction, CIDRs per rule. */
const MAX_RULES = 100;
const MAX_CIDRS = 100;

/** `inbound_rules` lists `sources`, `outbound_rules` lists `destinations`. */
export const CIDR_KEY_OF = { inbound_rules: 'sources', outbound_rules: 'destinations' } as const;
export type RuleListName = keyof typeof CIDR_KEY_OF;

/** Ends a problem with a full stop, unless it ends in a question already ("did you mean ...?"). */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function said(problem: SpellingProblem): string {
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}

/** A rule as HCL spells it, to name it in a message: `{ protocol = "tcp", ports = "22", sources = [...] }`. */
export function describeRule(rule: Value, cidrKey: CidrKey): string {
  if (!isObjectValue(rule)) return String(rule);
  const text = (v: Value | undefined) =>
    v instanceof Unknown ? '(known after apply)' : v === null || v === undefined ? 'null' : JSON.stringify(v);
  const cidrs = rule[cidrKey];
  const list = Array.isArray(cidrs) ? `[${(cidrs as Value[]).map((c) => text(c)).join(', ')}]` : text(cidrs);
  const ports = rule.ports === null || rule.ports === undefined ? '' : `, ports = ${text(rule.ports)}`;
  return `{ protocol = ${text(rule.protocol)}${ports}, ${cidrKey} = ${list} }`;
}

/** What is wrong with one rule, member by member; known members only (the rest is judged at apply). */
function ruleProblems(rule: ObjectValue, cidrKey: CidrKey): string[] {
  const problems: string[] = [];
  const { protocol, ports } = rule;
  let knownProtocol: ReturnType<typeof parseRuleProtocol> | undefined;
  if (typeof protocol === 'string') {
    const verdict = judge(() => parseRuleProtocol(protocol));
    if (verdict.ok) knownProtocol = verdict.canonical;
    else problems.push(`protocol ${said(verdict.problem)}`);
  }
  if (typeof ports === 'string') {
    const verdict = judge(() => parseRulePorts(ports));
    if (!verdict.ok) problems.push(`ports ${said(verdict.problem)}`);
  }
  if (knownProtocol !== undefined && !(ports instanceof Unknown)) {
    const problem = portsForProtocolProblem(knownProtocol, ports !== null && ports !== undefined);
    if (problem !== undefined) {
      const fix =
        knownProtocol === 'icmp'
          ? 'remove ports from this rule'
          : `add ports, such as "443" or "${MIN_PORT}-${MAX_PORT}" for every port`;
      problems.push(`ports ${problem}; ${fix}`);
    }
  }
  const cidrs = rule[cidrKey];
  if (Array.isArray(cidrs)) {
    const list = cidrs as readonly Value[];
    if (list.length === 0)
      problems.push(`${cidrKey} must list at least one CIDR, such as "0.0.0.0/0" and "::/0" for anywhere`);
    if (list.length > MAX_CIDRS) problems.push(`${cidrKey} must list at most ${MAX_CIDRS} CIDRs`);
    for (const cidr of list) {
      if (typeof cidr !== 'string') continue;
      const verdict = judge(() => canonicalRuleCidr(cidr));
      if (!verdict.ok) problems.push(`${cidrKey} "${cidr}" ${said(verdict.problem)}`);
    }
  }
  return problems;
}

/** The validator of a rule list: every problem of every rule, each rule named as written. */
export function checkRules(listName: RuleListName): (value: Value) => string | undefined {
  const cidrKey = CIDR_KEY_OF[listName];
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    const rules = value as readonly Value[];
    const problems: string[] = [];
    if (rules.length > MAX_RULES)
      problems.push(`${listName} must hold at most ${MAX_RULES} rules (it has ${rules.length})`);
    for (const rule of rules) {
      if (!isObjectValue(rule)) continue;
      const found = ruleProblems(rule, cidrKey);
      if (found.length > 0) problems.push(`the rule ${describeRule(rule, cidrKey)}: ${found.join('; ')}`);
    }
    return problems.length === 0 ? undefined : problems.map(sentence).join('\n');
  };
}

export function checkFirewallName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = nameProblem(value, NAME_LIMITS.firewallName);
  return problem === undefined ? undefined : `name ${said(problem)}`;
}

export function sameFirewallName(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameName(a, b, NAME_LIMITS.firewallName);
}

/**
 * A rule list value as the spelling rules take it; undefined when some member is not a known value of the
 * right type (such a list is the same only as itself).
 */
export function rulesFromValue<K extends CidrKey>(value: Value, cidrKey: K): WrittenRule<K>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const rules: WrittenRule<K>[] = [];
  for (const element of value as readonly Value[]) {
    if (!isObjectValue(element)) return undefined;
    const { protocol, ports } = element;
    const cidrs = element[cidrKey];
    if (typeof protocol !== 'string') return undefined;
    if (ports !== null && ports !== undefined && typeof ports !== 'string') return undefined;
    if (!Array.isArray(cidrs) || !(cidrs as Value[]).every((c) => typeof c === 'string')) return undefined;
    const rule = {
      protocol,
      ...(typeof ports === 'string' ? { ports } : {}),
      [cidrKey]: [...(cidrs as string[])],
    };
    rules.push(rule as unknown as WrittenRule<K>);
  }
  return rules;
}

/**
 * Whether two rule lists mean the same rules to the API: equal in canonical form, so `::0/0` and `::/0`,
 * host bits, long-hand or upper-case IPv6, a bare address and its /32 or /128, `"TCP"` and `"tcp"`,
 * `"22-22"` and `"22"`, repeated CIDRs and rules, and order never make a difference.
 */
export function sameRuleList(listName: RuleListName): (a: Value, b: Value) => boolean {
  const cidrKey = CIDR_KEY_OF[listName];
  return (a, b) => {
    const ra = rulesFromValue(a, cidrKey);
    const rb = rulesFromValue(b, cidrKey);
    return ra !== undefined && rb !== undefined && sameRules(ra, rb, cidrKey);
  };
}
