import type { LightyearClient } from '../../../client';
import type { OperationContext, ResourceDefinition } from '../../framework/resource';
import { apiCall, deleteIgnoringGone, importComposite, readOrGone } from '../operations';
import {
  createRequestFrom,
  domainOf,
  plannedFqdn,
  stateFromValue,
  updateRequestFrom,
  valueFromApi,
} from './model';
import { validateRecordConfig } from './rules';
import { DNS_RECORD_TYPE, dnsRecordSchema } from './schema';

type Ctx = OperationContext<LightyearClient>;

export const dnsRecordResource: ResourceDefinition<LightyearClient> = {
  typeName: DNS_RECORD_TYPE,
  schema: dnsRecordSchema,

  validateConfig: validateRecordConfig,

  // fqdn follows from the name and the domain: planned known when they are, so other resources can use it
  // at plan time, and unknown otherwise (a name from another resource's output).
  // Otherwise the framework's plan stands: the prior fqdn when nothing changed, unknown when something did.
  modifyPlan({ planned }) {
    const fqdn = plannedFqdn(planned);
    return fqdn === undefined ? undefined : { ...planned, fqdn };
  },

  async create(ctx: Ctx, planned) {
    const s = stateFromValue(planned);
    const created = await apiCall('Creating the DNS record', dnsRecordSchema, () =>
      ctx.client.domains.records(domainOf(s)).create(createRequestFrom(planned), { signal: ctx.signal }),
    );
    return valueFromApi(created);
  },

  async read(ctx: Ctx, state) {
    const s = stateFromValue(state);
    if (s.id === null) return null;
    const id = s.id;
    // A record, or its whole domain, deleted behind Terraform's back: it leaves state and is planned again.
    const found = await readOrGone('Reading the DNS record', dnsRecordSchema, () =>
      ctx.client.domains.records(domainOf(s)).get(id, { signal: ctx.signal }),
    );
    return found === null ? null : valueFromApi(found);
  },

  async update(ctx: Ctx, prior, planned) {
    const s = stateFromValue(prior);
    const updated = await apiCall('Updating the DNS record', dnsRecordSchema, () =>
      ctx.client.domains
        .records(domainOf(s))
        .update(s.id ?? '', updateRequestFrom(planned), { signal: ctx.signal }),
    );
    return valueFromApi(updated);
  },

  async delete(ctx: Ctx, state) {
    const s = stateFromValue(state);
    if (s.id === null) return;
    const id = s.id;
    // Gone already (its domain destroyed first, or deleted outside Terraform) is what a delete wants.
    await deleteIgnoringGone('Deleting the DNS record', dnsRecordSchema, () =>
      ctx.client.domains.records(domainOf(s)).delete(id, { signal: ctx.signal }),
    );
  },

  importState(id: string) {
    return importComposite(
      dnsRecordSchema,
      id,
      [
        { attribute: 'domain', pattern: /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+\.?$/ },
        { attribute: 'id', pattern: /^rec_[A-Za-z0-9]+$/ },
      ],
      'example.com/rec_2bX9...',
    );
  },
};
