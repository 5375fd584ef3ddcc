import { eachElement } from '../../framework/equivalence';
import { useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { timeoutsBlock } from '../../framework/timeouts';
import { sameRuleCidr, sameRulePorts, sameRuleProtocol } from '../../../spelling';
import type { Value } from '../../protocol/values';
import { checkFirewallName, checkRules, sameFirewallName, sameRuleList, type RuleListName } from './rules';

export const FIREWALL_TYPE = 'lightyear_firewall';

/** How long a delete waits for the instances still using the firewall to let go of it. */
export const DEFAULT_DELETE_TIMEOUT = '5m';

/** A string predicate of src/spelling as an attribute's equivalence: both known strings, the same meaning. */
const strings =
  (same: (a: string, b: string) => boolean) =>
  (a: Value, b: Value): boolean =>
    typeof a === 'string' && typeof b === 'string' && same(a, b);

const PROTOCOL = attr.string({
  description:
    '`tcp`, `udp` or `icmp`. Letter case does not matter (`"TCP"` is `tcp`): the provider sends the lower-case name the API takes, and a respelling plans no change.',
  required: true,
  equivalent: strings(sameRuleProtocol),
});

const PORTS = attr.string({
  description:
    'For `tcp` and `udp` (required there): one port (`"22"`) or a range (`"8000-9000"`), ports 1–65535. Not allowed for `icmp`. Also accepted, and sent to the API as the canonical form: a one-port range (`"22-22"` is `"22"`), leading zeros (`"0022"`), blanks around the value or the dash. Refused with the fix: a reversed range (`"9000-8000"`) and `:` as the separator.',
  optional: true,
  equivalent: strings(sameRulePorts),
});

function cidrSet(direction: 'from' | 'to') {
  return attr.stringSet({
    description: `IPv4 and IPv6 CIDRs traffic may go ${direction}, such as \`"0.0.0.0/0"\` and \`"::/0"\` for anywhere, or \`"203.0.113.7/32"\` for one host; a bare address is that one host (\`"203.0.113.7"\` is \`203.0.113.7/32\`, \`"2001:db8::1"\` is \`2001:db8::1/128\`). At least one, at most 100. The API stores them canonical (host bits zero, \`::/0\` for \`::0/0\`, short lower-case IPv6, the prefix written out); any spelling of the same network plans no change.`,
    required: true,
    equivalent: eachElement(strings(sameRuleCidr)),
  });
}

/**
 * What each rule holds and which spellings it takes, said again on the list: the reference docs show the
 * list's description, not its members'.
 */
const ruleMembers = (cidrKey: 'sources' | 'destinations') =>
  `Each rule: \`protocol\` is \`tcp\`, \`udp\` or \`icmp\`, in any letter case; \`ports\` (tcp and udp only, required there) is one port \`"22"\` or a range \`"8000-9000"\` of ports 1–65535, and \`"22-22"\`, \`"0022"\` or surrounding blanks mean the same; \`${cidrKey}\` are IPv4 and IPv6 CIDRs, where a bare address is its one host (\`"203.0.113.7"\` is \`203.0.113.7/32\`). The provider sends the API the canonical spelling; any spelling of the same rules plans no change.`;

/**
 * Rules are sets of whole objects: every member is configured, none computed (provider-next.md §4), so a
 * rule's identity never changes after apply. The lists are optional + computed with a default of `[]`, so
 * leaving one out means "no rules" and an import of a firewall without rules plans empty.
 */
const ruleListOptions = (listName: RuleListName, description: string) => ({
  description,
  optional: true,
  computed: true,
  default: [],
  validate: checkRules(listName),
  equivalent: sameRuleList(listName),
});

export const firewallSchema = resourceSchema({
  version: 0,
  description:
    'A LightYear Cloud firewall: inbound and outbound rules that instances naming it in `firewall_id` follow. Traffic no rule allows is dropped.',
  attributes: {
    id: attr.string({
      description: 'The firewall id (`fw_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    name: attr.string({
      description:
        'A label for the firewall, 1–255 characters. Changing it renames the firewall in place and leaves its rules alone. Surrounding blanks are not part of the name.',
      required: true,
      validate: checkFirewallName,
      equivalent: sameFirewallName,
    }),
    inbound_rules: attr.set(
      { protocol: PROTOCOL, ports: PORTS, sources: cidrSet('from') },
      ruleListOptions(
        'inbound_rules',
        `Traffic allowed in: a set of \`{ protocol, ports, sources }\`, at most 100. Left out or \`[]\`: nothing comes in. Changing it updates the firewall in place, replacing the whole inbound list at once. ${ruleMembers('sources')} Order, repeated rules and repeated CIDRs do not matter: the API stores the rules sorted, without duplicates.`,
      ),
    ),
    outbound_rules: attr.set(
      { protocol: PROTOCOL, ports: PORTS, destinations: cidrSet('to') },
      ruleListOptions(
        'outbound_rules',
        `Traffic allowed out: a set of \`{ protocol, ports, destinations }\`, at most 100. Left out or \`[]\`: no outbound rules. Changing it updates the firewall in place, replacing the whole outbound list at once. ${ruleMembers('destinations')} Order, repeated rules and repeated CIDRs do not matter.`,
      ),
    ),
    instance_ids: attr.stringSet({
      description:
        'The instances whose `firewall_id` is this firewall (read-only; set `firewall_id` on the instance to change it). Unknown in a plan that updates the firewall, since instances may join or leave it meanwhile.',
      computed: true,
    }),
    created_at: attr.string({
      description: 'When the firewall was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
  blocks: {
    timeouts: timeoutsBlock({ delete: DEFAULT_DELETE_TIMEOUT }),
  },
});

export type FirewallState = StateOf<typeof firewallSchema>;
