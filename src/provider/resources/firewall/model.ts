import type {
  CreateFirewallRequest,
  Firewall,
  InboundRule,
  OutboundRule,
  UpdateFirewallRequest,
} from '../../../api';
import {
  canonicalRuleCidr,
  canonicalRulePorts,
  judge,
  parseRuleProtocol,
  sameRules,
} from '../../../spelling';
import { readState } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { firewallSchema, type FirewallState } from './schema';

export function stateFromValue(v: ObjectValue): FirewallState {
  return readState(firewallSchema, v);
}

type InboundState = NonNullable<FirewallState['inbound_rules']>;
type OutboundState = NonNullable<FirewallState['outbound_rules']>;

/**
 * One member in the API's spelling (`"TCP"` → `"tcp"`, `"22-22"` → `"22"`, `"203.0.113.7"` →
 * `"203.0.113.7/32"`): the API's contract is strict and the provider accepts every spelling with one
 * meaning. A value validation could not judge (unknown at plan) and cannot be read goes as written, so the
 * API refuses it with its own reason, on the rule named by its index in this request.
 */
function canonical<T extends string>(text: string, canonicalize: (text: string) => T): T {
  const verdict = judge(() => canonicalize(text));
  return verdict.ok ? verdict.canonical : (text as T);
}

/**
 * The planned rules as the API takes them, one request rule per planned rule (the API names a refused rule
 * by its index) and each member canonical; the API sorts and deduplicates them itself. A null `ports` is
 * left out, as the API wants for ICMP.
 */
export function inboundRequest(rules: InboundState | null): InboundRule[] {
  return (rules ?? []).map((r) => ({
    protocol: canonical(r.protocol ?? '', parseRuleProtocol),
    ...(r.ports === null ? {} : { ports: canonical(r.ports, canonicalRulePorts) }),
    sources: (r.sources ?? []).map((cidr) => canonical(cidr, canonicalRuleCidr)),
  }));
}

export function outboundRequest(rules: OutboundState | null): OutboundRule[] {
  return (rules ?? []).map((r) => ({
    protocol: canonical(r.protocol ?? '', parseRuleProtocol),
    ...(r.ports === null ? {} : { ports: canonical(r.ports, canonicalRulePorts) }),
    destinations: (r.destinations ?? []).map((cidr) => canonical(cidr, canonicalRuleCidr)),
  }));
}

/** Surrounding blanks are not part of a name (the API trims them too). */
export function createRequestFrom(planned: ObjectValue): CreateFirewallRequest {
  const s = stateFromValue(planned);
  return {
    name: (s.name ?? '').trim(),
    inbound_rules: inboundRequest(s.inbound_rules),
    outbound_rules: outboundRequest(s.outbound_rules),
  };
}

/**
 * Only what changed, so a rename never touches the rules and a rule change replaces just its own list (the API
 * replaces a sent list atomically and leaves an unsent one alone). Empty when nothing the API holds changed.
 */
export function updateRequestFrom(prior: ObjectValue, planned: ObjectValue): UpdateFirewallRequest {
  const before = createRequestFrom(prior);
  const after = createRequestFrom(planned);
  return {
    ...(before.name === after.name ? {} : { name: after.name }),
    ...(sameRules(before.inbound_rules ?? [], after.inbound_rules ?? [], 'sources')
      ? {}
      : { inbound_rules: after.inbound_rules }),
    ...(sameRules(before.outbound_rules ?? [], after.outbound_rules ?? [], 'destinations')
      ? {}
      : { outbound_rules: after.outbound_rules }),
  };
}

/**
 * The API object as state, in the API's (canonical) spelling; the server keeps the user's spelling wherever
 * the two mean the same (framework/equivalence.ts). The `timeouts` block is Terraform's alone, not the API's:
 * it is carried over from the value the operation started from (planned, or state on read).
 */
export function stateFromApi(firewall: Firewall, from: ObjectValue | null = null): FirewallState {
  return {
    id: firewall.id,
    name: firewall.name,
    inbound_rules: firewall.inbound_rules.map((r) => ({
      protocol: r.protocol,
      ports: r.ports ?? null,
      sources: [...r.sources],
    })),
    outbound_rules: firewall.outbound_rules.map((r) => ({
      protocol: r.protocol,
      ports: r.ports ?? null,
      destinations: [...r.destinations],
    })),
    instance_ids: [...firewall.instance_ids],
    created_at: firewall.created_at,
    timeouts: from?.['timeouts'] ?? null,
  };
}
