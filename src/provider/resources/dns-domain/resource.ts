import type { LightyearClient } from '../../../client';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { apiCall, deleteIgnoringGone, importById, readOrGone } from '../operations';
import { stateFromValue, valueFromApi } from './model';
import { DNS_DOMAIN_TYPE, dnsDomainSchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

export const dnsDomainResource: ResourceDefinition<LightyearClient> = {
  typeName: DNS_DOMAIN_TYPE,
  schema: dnsDomainSchema,

  async create(ctx: Ctx, planned) {
    const { domain } = stateFromValue(planned);
    const created = await apiCall('Adding the DNS domain', dnsDomainSchema, () =>
      ctx.client.domains.create({ domain: domain ?? '' }, { signal: ctx.signal }),
    );
    return valueFromApi(created);
  },

  async read(ctx: Ctx, state) {
    const { id, domain } = stateFromValue(state);
    const name = id ?? domain;
    if (name === null) return null;
    const found = await readOrGone('Reading the DNS domain', dnsDomainSchema, () =>
      ctx.client.domains.get(name, { signal: ctx.signal }),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan adds it again.
    return found === null ? null : valueFromApi(found);
  },

  // Every configurable attribute replaces the domain, so an update has nothing to send: it reads back.
  async update(ctx: Ctx, prior) {
    const { id } = stateFromValue(prior);
    const found = await apiCall('Reading the DNS domain', dnsDomainSchema, () =>
      ctx.client.domains.get(id ?? '', { signal: ctx.signal }),
    );
    return valueFromApi(found);
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    await deleteIgnoringGone('Deleting the DNS domain', dnsDomainSchema, () =>
      ctx.client.domains.delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    return importById(dnsDomainSchema, id, {
      noun: 'a domain name',
      pattern: /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+\.?$/,
      example: 'example.com',
      listCommand: 'npx lyctl domain list',
    });
  },
};
