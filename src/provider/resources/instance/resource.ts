import type { Instance } from '../../../api';
import type { LightyearClient } from '../../../client';
import {
  PartialCreateError,
  PartialUpdateError,
  type ModifyPlanRequest,
  type OperationContext,
  type ResourceDefinition,
} from '../../framework/resource';
import { UNKNOWN, Unknown, type ObjectValue, type Value } from '../../protocol/values';
import { providerSettings } from '../../provider-settings';
import { apiCall, importById } from '../operations';
import { toResourceError } from '../api-errors';
import { instanceCatalog } from './catalog';
import {
  createRequestFrom,
  knownFrom,
  stateFromApi,
  stateFromValue,
  updateRequestFrom,
  valueFromState,
  type KnownFromState,
} from './model';
import { catalogProblems } from './plan-checks';
import { instanceReads } from './reads';
import { userDataSha256 } from './rules';
import { INSTANCE_TYPE, instanceSchema } from './schema';
import { mergedTags, sameTagSet } from './tags';
import { deleteInstance, powerTo, waitForInstance, whenNotBusy, type WaitScope } from './waits';

type Ctx = OperationContext<LightyearClient>;

const defaultTagsOf = (client: LightyearClient) => providerSettings(client).defaultTags;

function asState(client: LightyearClient, instance: Instance, known: KnownFromState): ObjectValue {
  return valueFromState(stateFromApi(instance, known, defaultTagsOf(client)));
}

function strings(v: Value): string[] | null {
  return Array.isArray(v) ? (v as readonly Value[]).filter((x): x is string => typeof x === 'string') : null;
}

const known = (v: Value): string | null => (typeof v === 'string' ? v : null);

/** A provisioned instance: active, and running as every new instance is once provisioning completes. */
const provisioned = (i: Instance) => i.status === 'active' && i.power_status === 'running';

async function modifyPlan(req: ModifyPlanRequest<LightyearClient>): Promise<ObjectValue> {
  const { prior, planned, client } = req;
  const next: Record<string, Value> = { ...planned };

  // tags_all: what is sent to the API. Without a configured provider the defaults are not known yet.
  const own = planned.tags ?? null;
  if (client === undefined || own instanceof Unknown) {
    next.tags_all = UNKNOWN;
  } else {
    const merged = mergedTags(defaultTagsOf(client), strings(own));
    const priorAll = prior === null ? null : strings(prior.tags_all ?? null);
    next.tags_all = priorAll !== null && sameTagSet(merged, priorAll) ? priorAll : merged;
  }

  if (prior === null) {
    // Known before the instance exists: its digest, and that create waits until it is active.
    const userData = planned.user_data ?? null;
    if (!(userData instanceof Unknown))
      next.user_data_sha256 = typeof userData === 'string' ? userDataSha256(userData) : null;
    next.status = 'active';
  }

  if (client === undefined) return next;
  const changed = (name: string) => prior === null || planned[name] !== prior[name];
  const chosen = {
    region: changed('region') ? known(planned.region ?? null) : null,
    plan: changed('plan') ? known(planned.plan ?? null) : null,
    image: changed('image') ? known(planned.image ?? null) : null,
    enableIpv6:
      changed('enable_ipv6') || changed('region') ? (planned.enable_ipv6 === true ? true : null) : null,
  };
  if (chosen.region === null && chosen.plan === null && chosen.image === null && chosen.enableIpv6 === null)
    return next;
  // The region the plan must be offered in, when only the plan changes.
  const region =
    chosen.region ??
    (chosen.plan !== null || chosen.enableIpv6 !== null ? known(planned.region ?? null) : null);
  const resizing =
    prior !== null &&
    planned.region === prior.region &&
    typeof prior.plan === 'string' &&
    typeof prior.disk_gb === 'number'
      ? { plan: prior.plan, diskGb: prior.disk_gb }
      : null;
  const catalog = await apiCall('Reading the catalog (regions, plans, images)', instanceSchema, () =>
    instanceCatalog(client, req.signal),
  );
  const { problems, plan } = catalogProblems(catalog, { ...chosen, region }, resizing);
  for (const problem of problems) req.diagnostics.error(problem.summary, problem.detail, [problem.attribute]);
  if (plan !== undefined && chosen.plan !== null) {
    next.vcpu_count = plan.vcpu_count;
    next.ram_mb = plan.ram_mb;
    next.disk_gb = plan.disk_gb;
  }
  return next;
}

export const instanceResource: ResourceDefinition<LightyearClient> = {
  typeName: INSTANCE_TYPE,
  schema: instanceSchema,
  modifyPlan,

  async create(ctx: Ctx, planned) {
    const s = stateFromValue(planned);
    const tagsAll = s.tags_all ?? mergedTags(defaultTagsOf(ctx.client), s.tags);
    const keep = knownFrom(s);
    instanceReads(ctx.client).noteWrite();
    const created = await apiCall('Creating the instance', instanceSchema, () =>
      ctx.client.instances.create(createRequestFrom({ ...s, tags_all: tagsAll }), { signal: ctx.signal }),
    );
    // From here on the instance exists: whatever fails, it goes into state (tainted), never orphaned.
    const scope: WaitScope = { ctx, planned, operation: 'create' };
    let current = created;
    try {
      current = await waitForInstance(scope, created.id, 'to become active', provisioned);
      if (s.power_status === 'stopped') current = await powerTo(scope, created.id, 'stopped');
    } catch (err) {
      throw new PartialCreateError(asState(ctx.client, current, keep), err);
    }
    return asState(ctx.client, current, keep);
  },

  async read(ctx: Ctx, state) {
    const s = stateFromValue(state);
    if (s.id === null) return null;
    const id = s.id;
    const instance = await apiCall('Reading the instance', instanceSchema, () =>
      instanceReads(ctx.client).read(id, ctx.signal),
    );
    // Deleted behind Terraform's back: it leaves state, and the next plan creates it again.
    return instance === undefined ? null : asState(ctx.client, instance, knownFrom(s));
  },

  async update(ctx: Ctx, prior, planned) {
    const before = stateFromValue(prior);
    const after = stateFromValue(planned);
    const id = before.id ?? '';
    const keep = knownFrom(after);
    const tagsAll = after.tags_all ?? mergedTags(defaultTagsOf(ctx.client), after.tags);
    const request = updateRequestFrom(before, { ...after, tags_all: tagsAll });
    const scope: WaitScope = { ctx, planned, operation: 'update' };
    let current: Instance | undefined;
    try {
      if (request !== undefined) {
        instanceReads(ctx.client).noteWrite();
        current = await whenNotBusy(scope, `changing instance ${id}`, (signal) =>
          ctx.client.instances.update(id, request, { signal }),
        );
        const plan = request.plan;
        if (plan !== undefined)
          current = await waitForInstance(
            scope,
            id,
            `to finish resizing to ${plan}`,
            (i) => i.status === 'active' && i.plan === plan,
          );
      }
      const wanted = after.power_status;
      const powered = current?.power_status ?? before.power_status;
      if ((wanted === 'running' || wanted === 'stopped') && wanted !== powered) {
        instanceReads(ctx.client).noteWrite();
        current = await powerTo(scope, id, wanted);
      }
    } catch (err) {
      if (current === undefined) throw toResourceError(err, 'Updating the instance', instanceSchema);
      // The change went through, a later step (the resize, the power action) did not: state says what is.
      throw new PartialUpdateError(asState(ctx.client, current, keep), err);
    }
    current ??= await apiCall('Reading the instance', instanceSchema, () =>
      ctx.client.instances.get(id, { signal: ctx.signal }),
    );
    return asState(ctx.client, current, keep);
  },

  async delete(ctx: Ctx, state) {
    const { id } = stateFromValue(state);
    if (id === null) return;
    instanceReads(ctx.client).noteWrite();
    await deleteInstance({ ctx, planned: state, operation: 'delete' }, id);
  },

  importState(id: string) {
    return importById(instanceSchema, id, {
      noun: 'an instance',
      pattern: /^inst_[A-Za-z0-9]+$/,
      example: 'inst_2bX9...',
      listCommand: 'npx lyctl server list',
    });
  },
};
