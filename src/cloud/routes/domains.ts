import { listReply } from '../http/list-reply';
import {
  createDomainRequestSchema,
  domainListSchema,
  domainResponseSchema,
  listDomainsQuerySchema,
  type Domain,
} from '../../api';
import type { CloudContext } from '../cloud-context';
import { DnsNameError, normalizeDomainName } from '../../spelling/dns-names';
import { emitRecordChanged } from '../dns/record-events';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import type { Reply } from '../http/context';
import type { Route } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { DuplicateDomainError, type DomainStore } from '../store/domains';

const COLLECTION = '/v1/domains';
const ITEM = '/v1/domains/:domain';

/**
 * The domain a path names, which may be written in any case and with a trailing dot (as DNS names are);
 * a name that is not even valid cannot exist, so it is a 404 like any unknown one.
 */
export function domainFromPath(domains: DomainStore, param: string): Domain {
  let name: string | undefined;
  try {
    name = normalizeDomainName(param);
  } catch (error) {
    if (!(error instanceof DnsNameError)) throw error;
  }
  const domain = name === undefined ? undefined : domains.get(name);
  if (domain === undefined) {
    throw new NotFoundError(`There is no domain ${JSON.stringify(name ?? param)}.`, {
      resource: 'domain',
      domain: name ?? param,
    });
  }
  return domain;
}

/** `/v1/domains`: register, list, read and delete DNS domains. */
export function domainRoutes({ store, clock }: CloudContext): Route[] {
  const domains = store.domains;

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Register a DNS domain',
        body: createDomainRequestSchema,
        status: 201,
        response: domainResponseSchema,
        errors: ['conflict'],
      },
      permission: 'dns:write',
      handler: ({ body }) => {
        const request = parseBody(createDomainRequestSchema, body);
        let name: string;
        try {
          name = normalizeDomainName(request.domain);
        } catch (error) {
          if (error instanceof DnsNameError) throw InvalidRequestError.forField('domain', error.message);
          throw error;
        }
        const domain: Domain = { domain: name, created_at: clock.nowIso() };
        try {
          domains.insert(domain);
        } catch (error) {
          if (!(error instanceof DuplicateDomainError)) throw error;
          throw new ConflictError(`The domain ${name} is already registered.`, {
            field: 'domain',
            reason: 'is already registered',
            domain: name,
          });
        }
        return { status: 201, body: { domain }, headers: { Location: `${COLLECTION}/${name}` } };
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List DNS domains',
        query: listDomainsQuerySchema,
        status: 200,
        response: domainListSchema,
      },
      permission: 'dns:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, sort } = parseQuery(listDomainsQuerySchema, query);
        return listReply('domains', () => domains.list({ sort, order, perPage: per_page, cursor }));
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get a DNS domain', status: 200, response: domainResponseSchema },
      permission: 'dns:read',
      handler: ({ params }) => ({
        status: 200,
        body: { domain: domainFromPath(domains, params.domain as string) },
      }),
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete a DNS domain and all its records', status: 204 },
      permission: 'dns:write',
      handler: ({ params }) => {
        store.transaction(() => {
          const { domain } = domainFromPath(domains, params.domain as string);
          // Each record goes with an event of its own, so a webhook consumer tracking records sees every removal.
          const now = clock.nowIso();
          for (const record of store.dnsRecords.allOf(domain))
            emitRecordChanged(store.events, 'deleted', record, now);
          domains.delete(domain);
        });
        return { status: 204 };
      },
    },
  ];
}
