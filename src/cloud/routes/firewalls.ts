import { listReply } from '../http/list-reply';
import {
  createFirewallRequestSchema,
  firewallListSchema,
  firewallResponseSchema,
  listFirewallsQuerySchema,
  updateFirewallRequestSchema,
  type Firewall,
  type InboundRule,
  type OutboundRule,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { InvalidRequestError, NotFoundError, ResourceInUseError, type FieldError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { canonicalRules, type CanonicalRules, type CidrKey } from '../../spelling/firewall-rules';
import type { FirewallChanges, FirewallRecord } from '../store/firewalls';

const COLLECTION = '/v1/firewalls';
const ITEM = '/v1/firewalls/:id';

/**
 * `/v1/firewalls`: create, list, read, update and delete firewalls. Rules are stored and answered in
 * canonical form (src/spelling/firewall-rules.ts); `instance_ids` is read from the instances.
 */
export function firewallRoutes({ store, clock }: CloudContext): Route[] {
  const withInstances = (record: FirewallRecord): Firewall => ({
    ...record,
    instance_ids: store.instances.idsUsingFirewall(record.id),
  });
  const found = (id: string, record: FirewallRecord | undefined): FirewallRecord => {
    if (record === undefined)
      throw new NotFoundError(`There is no firewall with id ${id}.`, { resource: 'firewall', id });
    return record;
  };

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create a firewall',
        body: createFirewallRequestSchema,
        status: 201,
        response: firewallResponseSchema,
      },
      permission: 'firewalls:write',
      handler: ({ body }) => {
        const request = parseBody(createFirewallRequestSchema, body);
        const [inbound, outbound] = canonicalLists(request.inbound_rules, request.outbound_rules);
        const record: FirewallRecord = {
          id: newId('firewall'),
          name: request.name,
          inbound_rules: inbound ?? [],
          outbound_rules: outbound ?? [],
          created_at: clock.nowIso(),
        };
        store.firewalls.insert(record);
        return {
          status: 201,
          body: { firewall: { ...record, instance_ids: [] } },
          headers: { Location: `${COLLECTION}/${record.id}` },
        };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List firewalls',
        query: listFirewallsQuerySchema,
        status: 200,
        response: firewallListSchema,
      },
      permission: 'firewalls:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, sort, name } = parseQuery(listFirewallsQuerySchema, query);
        // One read transaction, so every firewall's instance_ids belong to the same moment as the page.
        return listReply('firewalls', () =>
          store.transaction(() => {
            const page = store.firewalls.list({ sort, order, perPage: per_page, name, cursor });
            return { ...page, rows: page.rows.map(withInstances) };
          }),
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a firewall', status: 200, response: firewallResponseSchema },
      permission: 'firewalls:read',
      handler: ({ params }) => {
        const id = params.id as string;
        const firewall = store.transaction(() => withInstances(found(id, store.firewalls.get(id))));
        return { status: 200, body: { firewall } };
      },
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Rename a firewall or replace its inbound or outbound rules',
        body: updateFirewallRequestSchema,
        status: 200,
        response: firewallResponseSchema,
      },
      permission: 'firewalls:write',
      handler: ({ params, body }) => {
        const id = params.id as string;
        const request = parseBody(updateFirewallRequestSchema, body);
        const [inbound, outbound] = canonicalLists(request.inbound_rules, request.outbound_rules);
        const changes: FirewallChanges = {
          name: request.name,
          inbound_rules: inbound,
          outbound_rules: outbound,
        };
        const firewall = store.transaction(() =>
          withInstances(found(id, store.firewalls.update(id, changes))),
        );
        return { status: 200, body: { firewall } };
      },
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a firewall', status: 204, errors: ['resource_in_use'] },
      permission: 'firewalls:write',
      handler: ({ params }) => {
        const id = params.id as string;
        store.transaction(() => {
          found(id, store.firewalls.get(id));
          const instanceIds = store.instances.idsUsingFirewall(id);
          if (instanceIds.length > 0) {
            throw new ResourceInUseError(
              `Firewall ${id} is used by ${instanceIds.length} instance${instanceIds.length === 1 ? '' : 's'}; ` +
                'set their firewall_id to null or another firewall first.',
              { resource: 'firewall', id, instance_ids: instanceIds, held_by: instanceIds },
            );
          }
          store.firewalls.delete(id);
        });
        return { status: 204 };
      },
    },
  ];
}

/**
 * Canonicalizes whichever rule lists were sent, reporting the bad CIDRs of both lists together so a
 * client sees every problem at once.
 */
function canonicalLists(
  inbound: readonly InboundRule[] | undefined,
  outbound: readonly OutboundRule[] | undefined,
): [InboundRule[] | undefined, OutboundRule[] | undefined] {
  const inboundResult =
    inbound === undefined ? undefined : canonicalRules(inbound, 'sources', 'inbound_rules');
  const outboundResult =
    outbound === undefined ? undefined : canonicalRules(outbound, 'destinations', 'outbound_rules');
  const errors = [...errorsOf(inboundResult), ...errorsOf(outboundResult)];
  const [first, ...rest] = errors;
  if (first !== undefined) throw InvalidRequestError.forFields([first, ...rest]);
  return [rulesOf(inboundResult), rulesOf(outboundResult)];
}

function errorsOf<K extends CidrKey>(result: CanonicalRules<K> | undefined): FieldError[] {
  return result === undefined || result.ok ? [] : result.errors;
}

function rulesOf<K extends CidrKey>(result: CanonicalRules<K> | undefined) {
  return result?.ok === true ? result.rules : undefined;
}
