import type { CreateFirewallRequest } from '../../../api';
import { clientModule } from '../../client-module';
import { ResourceError, ResourceErrors } from '../../framework/errors';
import type { Value } from '../../protocol/values';
import { attributePath, toResourceError } from '../api-errors';
import { CIDR_KEY_OF, describeRule, type RuleListName } from './rules';
import { firewallSchema } from './schema';

const RULE_FIELD = /^(inbound_rules|outbound_rules)\[(\d+)\](?:\.(.+))?$/;

/**
 * A failed firewall call as diagnostics. The API names a refused rule by its index in the request
 * (`inbound_rules[0].ports`), which means nothing to someone who wrote a set: the diagnostic lands on the
 * rule list and names the rule as it was sent. Everything else is the shared mapping (api-errors.ts).
 */
export function firewallApiError(
  err: unknown,
  what: string,
  request: Partial<Pick<CreateFirewallRequest, RuleListName>>,
): unknown {
  const { LightyearApiError } = clientModule();
  if (!(err instanceof LightyearApiError) || err.isConflict)
    return toResourceError(err, what, firewallSchema);
  const fields = err.fieldErrors;
  if (!fields.some((f) => RULE_FIELD.test(f.field))) return toResourceError(err, what, firewallSchema);
  const request_ = err.requestId ? ` (request ${err.requestId})` : '';
  const errors = fields.map((f) => {
    const match = RULE_FIELD.exec(f.field);
    if (match === null) {
      const path = attributePath(firewallSchema, f.field);
      const summary = path === undefined ? `${what} failed` : `Invalid ${f.field}`;
      return new ResourceError(summary, `${f.field} ${f.reason}.${request_}`, path, err.code);
    }
    const list = match[1] as RuleListName;
    const rule = (request[list] as readonly unknown[] | undefined)?.[Number(match[2])];
    const member = match[3] === undefined ? '' : `${match[3]} `;
    const named = rule === undefined ? f.field : `the rule ${describeRule(rule as Value, CIDR_KEY_OF[list])}`;
    return new ResourceError(
      `Invalid ${list}`,
      `${named}: ${member}${f.reason}.${request_}`,
      [list],
      err.code,
    );
  });
  return errors.length === 1 ? errors[0] : new ResourceErrors(errors);
}
