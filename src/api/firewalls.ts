import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import {
  FIREWALL_PROTOCOLS,
  portsForProtocolProblem,
  type FirewallProtocol,
} from '../spelling/firewall-rules';
import { PORTS_PATTERN, PORTS_REASON, portsProblem } from '../spelling/ports';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

export const firewallIdSchema = idSchema('fw');

export { FIREWALL_PROTOCOLS, type FirewallProtocol } from '../spelling/firewall-rules';
export { PORTS_PATTERN } from '../spelling/ports';

/** Most rules a firewall holds per direction, and most CIDRs a rule lists. */
export const MAX_RULES_PER_DIRECTION = 100;
export const MAX_CIDRS_PER_RULE = 100;

/**
 * The one ports rule (src/spelling/ports.ts) gives every reason; the pattern stays declared so the OpenAPI
 * document shows it. A value off the pattern gets the rule's reason with its fix (`"022"` → `write "22"`);
 * one on it may still name ports beyond 65535 or an empty range.
 */
const portsSchema = z
  .string({ error: PORTS_REASON })
  .regex(PORTS_PATTERN, { error: (issue) => portsProblem(String(issue.input)) ?? PORTS_REASON })
  .superRefine((text, ctx) => {
    if (!PORTS_PATTERN.test(text)) return;
    const problem = portsProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An IPv4 or IPv6 CIDR; the cloud checks it and answers it in canonical form (host bits zero). */
const cidrSchema = z.string().min(1).max(64);

const protocolSchema = z.enum(FIREWALL_PROTOCOLS);

/** ICMP has no ports; TCP and UDP need them. The issue lands on `ports`, where the fix is. */
function checkPortsForProtocol(rule: { protocol: FirewallProtocol; ports?: string }, ctx: z.RefinementCtx) {
  const problem = portsForProtocolProblem(rule.protocol, rule.ports !== undefined);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['ports'], message: problem });
}

function cidrListSchema() {
  return z.array(cidrSchema).min(1).max(MAX_CIDRS_PER_RULE);
}

export const inboundRuleSchema = z
  .strictObject({ protocol: protocolSchema, ports: portsSchema.optional(), sources: cidrListSchema() })
  .superRefine(checkPortsForProtocol);
export type InboundRule = z.infer<typeof inboundRuleSchema>;

export const outboundRuleSchema = z
  .strictObject({ protocol: protocolSchema, ports: portsSchema.optional(), destinations: cidrListSchema() })
  .superRefine(checkPortsForProtocol);
export type OutboundRule = z.infer<typeof outboundRuleSchema>;

const inboundRulesSchema = z.array(inboundRuleSchema).max(MAX_RULES_PER_DIRECTION);
const outboundRulesSchema = z.array(outboundRuleSchema).max(MAX_RULES_PER_DIRECTION);

export const firewallNameSchema = nameFieldSchema(NAME_LIMITS.firewallName);

export const firewallSchema = z.object({
  id: firewallIdSchema,
  name: z.string(),
  /** Canonical: CIDRs with host bits zero, sorted, without duplicates; rules sorted, without duplicates. */
  inbound_rules: z.array(inboundRuleSchema),
  outbound_rules: z.array(outboundRuleSchema),
  /** Read-only: the instances whose `firewall_id` is this firewall, sorted. */
  instance_ids: z.array(idSchema('inst')),
  created_at: timestampSchema,
});
export type Firewall = z.infer<typeof firewallSchema>;

/** A rule list that is left out starts empty: nothing is allowed in that direction's rules. */
export const createFirewallRequestSchema = z.strictObject({
  name: firewallNameSchema,
  inbound_rules: inboundRulesSchema.default([]),
  outbound_rules: outboundRulesSchema.default([]),
});
export type CreateFirewallRequest = z.input<typeof createFirewallRequestSchema>;

/** A rule list that is sent replaces that list whole; one that is left out is kept as it is. */
export const updateFirewallRequestSchema = z.strictObject({
  name: firewallNameSchema.optional(),
  inbound_rules: inboundRulesSchema.optional(),
  outbound_rules: outboundRulesSchema.optional(),
});
export type UpdateFirewallRequest = z.input<typeof updateFirewallRequestSchema>;

export const firewallResponseSchema = z.object({ firewall: firewallSchema });

export const listFirewallsQuerySchema = listQuerySchema.extend({
  /** Exact match on the (trimmed) name. */
  name: z.string().min(1).max(255).optional(),
  sort: z.enum(['created_at', 'name']).default('created_at'),
});
export type ListFirewallsQuery = z.input<typeof listFirewallsQuerySchema>;

export const firewallListSchema = listEnvelopeSchema('firewalls', firewallSchema);
export type FirewallList = z.infer<typeof firewallListSchema>;
