import { CidrError, canonicalRuleCidr, compareCidrs, formatCidr, parseCidr, type Cidr } from './cidr';
import { SpellingError, judge, sameCanonical } from './errors';
import { canonicalRulePorts, comparePortRanges, parsePorts } from './ports';

export const FIREWALL_PROTOCOLS = ['icmp', 'tcp', 'udp'] as const;
export type FirewallProtocol = (typeof FIREWALL_PROTOCOLS)[number];

/** One refused CIDR: its path in the request (`inbound_rules[2].sources[0]`) and why. */
export interface RuleFieldError {
  readonly field: string;
  readonly reason: string;
}

/** Inbound rules list their CIDRs as `sources`, outbound rules as `destinations`. */
export type CidrKey = 'sources' | 'destinations';

export type FirewallRule<K extends CidrKey> = {
  readonly protocol: FirewallProtocol;
  readonly ports?: string;
} & { [P in K]: string[] };

export type CanonicalRules<K extends CidrKey> =
  | { readonly ok: true; readonly rules: FirewallRule<K>[] }
  | { readonly ok: false; readonly errors: [RuleFieldError, ...RuleFieldError[]] };

interface ParsedRule<K extends CidrKey> {
  readonly rule: FirewallRule<K>;
  readonly cidrs: readonly Cidr[];
}

/**
 * The canonical form of a rule list, which is what the API stores and answers with, so equal rule sets
 * always read back byte for byte equal (and Terraform sees no spurious diff):
 * - each CIDR canonical (host bits zeroed, not refused: the contract defines canonical CIDRs as host-bits
 *   zero, and `10.0.0.5/8` has one obvious meaning), each rule's CIDRs sorted (see compareCidrs) without
 *   duplicates;
 * - rules sorted by protocol (`icmp`, `tcp`, `udp`), then port range, then CIDR list, and a rule equal to
 *   another after all that dropped. Rules that merely overlap are kept: merging them would rewrite intent.
 *
 * `listField` (`inbound_rules`) names the list in errors: `inbound_rules[2].sources[0]`, all CIDR problems
 * at once.
 */
export function canonicalRules<K extends CidrKey>(
  rules: readonly FirewallRule<K>[],
  cidrKey: K,
  listField: string,
): CanonicalRules<K> {
  const errors: RuleFieldError[] = [];
  const parsed: ParsedRule<K>[] = [];
  for (const [ruleIndex, rule] of rules.entries()) {
    const cidrs: Cidr[] = [];
    for (const [cidrIndex, text] of rule[cidrKey].entries()) {
      try {
        cidrs.push(parseCidr(text));
      } catch (error) {
        if (!(error instanceof CidrError)) throw error;
        errors.push({ field: `${listField}[${ruleIndex}].${cidrKey}[${cidrIndex}]`, reason: error.message });
      }
    }
    parsed.push(canonicalRule(rule, cidrKey, cidrs));
  }
  const [first, ...rest] = errors;
  if (first !== undefined) return { ok: false, errors: [first, ...rest] };

  parsed.sort(compareRules);
  const unique = parsed.filter(
    (rule, i) => i === 0 || compareRules(parsed[i - 1] as ParsedRule<K>, rule) !== 0,
  );
  return { ok: true, rules: unique.map((p) => p.rule) };
}

function canonicalRule<K extends CidrKey>(
  rule: FirewallRule<K>,
  cidrKey: K,
  cidrs: readonly Cidr[],
): ParsedRule<K> {
  const sorted = [...cidrs].sort(compareCidrs);
  const unique = sorted.filter((cidr, i) => i === 0 || compareCidrs(sorted[i - 1] as Cidr, cidr) !== 0);
  const canonical = {
    protocol: rule.protocol,
    ...(rule.ports === undefined ? {} : { ports: rule.ports }),
    [cidrKey]: unique.map(formatCidr),
  } as FirewallRule<K>;
  return { rule: canonical, cidrs: unique };
}

function compareRules<K extends CidrKey>(a: ParsedRule<K>, b: ParsedRule<K>): number {
  if (a.rule.protocol !== b.rule.protocol) return a.rule.protocol < b.rule.protocol ? -1 : 1;
  const byPorts = comparePorts(a.rule.ports, b.rule.ports);
  if (byPorts !== 0) return byPorts;
  const shared = Math.min(a.cidrs.length, b.cidrs.length);
  for (let i = 0; i < shared; i++) {
    const byCidr = compareCidrs(a.cidrs[i] as Cidr, b.cidrs[i] as Cidr);
    if (byCidr !== 0) return byCidr;
  }
  return a.cidrs.length - b.cidrs.length;
}

/** A rule without ports (ICMP) sorts before any with; the schema never mixes them within one protocol. */
function comparePorts(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return comparePortRanges(parsePorts(a), parsePorts(b));
}

/** A rule as a person may write it: any spelling `parseRuleProtocol`, `parseRulePorts`, `parseRuleCidr` read. */
export type WrittenRule<K extends CidrKey> = {
  readonly protocol: string;
  readonly ports?: string;
} & { readonly [P in K]: readonly string[] };

/**
 * One written rule in the API's spelling, member by member (`"TCP"` → `"tcp"`, `"22-22"` → `"22"`,
 * `"203.0.113.7"` → `"203.0.113.7/32"`), its CIDRs in the order written: the request a provider sends,
 * which the API then sorts and deduplicates (canonicalRules). Throws the SpellingError of the first member
 * it cannot read. Whether ports suit the protocol is not judged here (portsForProtocolProblem).
 */
export function canonicalWrittenRule<K extends CidrKey>(rule: WrittenRule<K>, cidrKey: K): FirewallRule<K> {
  return {
    protocol: parseRuleProtocol(rule.protocol),
    ...(rule.ports === undefined ? {} : { ports: canonicalRulePorts(rule.ports) }),
    [cidrKey]: rule[cidrKey].map(canonicalRuleCidr),
  } as unknown as FirewallRule<K>;
}

/**
 * Whether two rule lists mean the same rules: equal once both are in canonical form (so order, duplicate
 * rules, and every accepted spelling of protocol, ports and CIDRs do not matter). A list with an unreadable
 * member is the same only as itself.
 */
export function sameRules<K extends CidrKey>(
  a: readonly WrittenRule<K>[],
  b: readonly WrittenRule<K>[],
  cidrKey: K,
): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  const canonical = (rules: readonly WrittenRule<K>[]) =>
    canonicalRules(
      rules.map((rule) => canonicalWrittenRule(rule, cidrKey)),
      cidrKey,
      'rules',
    );
  const ca = judge(() => canonical(a));
  const cb = judge(() => canonical(b));
  if (!ca.ok || !cb.ok || !ca.canonical.ok || !cb.canonical.ok) return false;
  return JSON.stringify(ca.canonical.rules) === JSON.stringify(cb.canonical.rules);
}

/** A protocol the API does not know; `TCP` gets the lower-case fix, since the API takes only that. */
export class ProtocolError extends SpellingError {
  readonly code = 'invalid_protocol';
}

/** `tcp`, `udp` or `icmp`, exactly as the API takes it (lower case); throws ProtocolError with a fix. */
export function parseProtocol(text: string): FirewallProtocol {
  if ((FIREWALL_PROTOCOLS as readonly string[]).includes(text)) return text as FirewallProtocol;
  const lower = text.trim().toLowerCase();
  const fix = (FIREWALL_PROTOCOLS as readonly string[]).includes(lower) ? `write "${lower}"` : undefined;
  throw new ProtocolError(`must be one of ${FIREWALL_PROTOCOLS.map((p) => `"${p}"`).join(', ')}`, fix);
}

/**
 * A protocol as people write it in a rule: letter case and surrounding blanks do not matter (`"TCP"`,
 * `" Udp "`); anything but tcp, udp or icmp is refused. The API takes only lower case, so callers send
 * what this returns.
 */
export function parseRuleProtocol(text: string): FirewallProtocol {
  const lower = text.trim().toLowerCase();
  if ((FIREWALL_PROTOCOLS as readonly string[]).includes(lower)) return lower as FirewallProtocol;
  return parseProtocol(text); // refused, with the API's reason
}

/** `"TCP"` and `"tcp"`: one protocol. Unreadable text equals only itself. */
export function sameRuleProtocol(a: string, b: string): boolean {
  return sameCanonical(a, b, parseRuleProtocol);
}

/**
 * The API's rule tying ports to the protocol, as a reason about `ports`: ICMP has no ports, TCP and UDP
 * need them. Undefined when the pair is acceptable.
 */
export function portsForProtocolProblem(protocol: FirewallProtocol, hasPorts: boolean): string | undefined {
  if (protocol === 'icmp' && hasPorts) return 'must not be given for an icmp rule';
  if (protocol !== 'icmp' && !hasPorts) return `is required for a ${protocol} rule`;
  return undefined;
}
