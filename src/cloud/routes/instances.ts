import { listReply } from '../http/list-reply';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  USER_DATA_MAX_BYTES,
  createInstanceRequestSchema,
  instanceListSchema,
  instanceResponseSchema,
  listInstancesQuerySchema,
  updateInstanceRequestSchema,
  type Instance,
} from '../../api';
import { findImage, findPlan, findRegion, regionHasFeature } from '../catalog';
import type { CloudContext } from '../cloud-context';
import { BusyError, ConflictError, InvalidRequestError, NotFoundError, type FieldError } from '../errors';
import type { Reply } from '../http/context';
import type { Route, RouteRequest } from '../http/router';
import { parseBody, parseQuery } from '../http/validation';
import { newId } from '../ids';
import { AddressPoolExhaustedError, IPV4_POOL, type InstanceState } from '../store/instances';

const COLLECTION = '/v1/instances';
const ITEM = '/v1/instances/:id';

/** Power actions take no parameters; an empty JSON object is accepted for clients that always send one. */
const actionRequestSchema = z.strictObject({});

type PowerAction = 'start' | 'stop' | 'reboot';

/**
 * `/v1/instances`: create (202, provisioned after `provisionMs`), list, read, change (plan changes resize
 * after `resizeMs`), delete (block volumes are detached first), and the start/stop/reboot actions (the
 * power status changes after `powerMs`). The slow parts complete in the lifecycle engine.
 */
export function instanceRoutes({ store, clock, lifecycle }: CloudContext): Route[] {
  lifecycle.register((nowIso) => store.instances.applyDue(nowIso));
  const dueIn = (ms: number) => new Date(clock.nowMs() + ms).toISOString();

  const found = (id: string): InstanceState => {
    const state = store.instances.getState(id);
    if (state === undefined) {
      throw new NotFoundError(`There is no instance with id ${id}.`, { resource: 'instance', id });
    }
    return state;
  };

  const powerAction = (action: PowerAction): Route => ({
    method: 'POST',
    path: `${ITEM}/${action}`,
    describe: {
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} an instance`,
      status: 202,
      response: instanceResponseSchema,
      errors: ['invalid_request', 'conflict'],
    },
    permission: 'instances:write',
    handler: ({ params, body }) => {
      if (body !== undefined) parseBody(actionRequestSchema, body);
      const id = params.id as string;
      return store.transaction(() => {
        const state = found(id);
        refuseWhileBusy(state, action);
        const { instance } = state;
        const wanted = action === 'stop' ? 'stopped' : 'running';
        if (action === 'reboot' && instance.power_status === 'stopped') {
          throw new ConflictError(`Instance ${id} is stopped; start it instead of rebooting it.`, {
            status: instance.status,
            power_status: instance.power_status,
          });
        }
        // Starting a running instance or stopping a stopped one asks for the state it is already in.
        if (action !== 'reboot' && instance.power_status === wanted) {
          return { status: 202, body: { instance } };
        }
        const changed = store.instances.beginOperation(
          id,
          { action },
          clock.nowIso(),
          dueIn(lifecycle.durations.powerMs),
        );
        return { status: 202, body: { instance: changed ?? instance } };
      });
    },
  });

  return [
    {
      method: 'POST',
      path: COLLECTION,
      describe: {
        summary: 'Create an instance',
        body: createInstanceRequestSchema,
        status: 202,
        response: instanceResponseSchema,
      },
      permission: 'instances:write',
      handler: ({ body }) => {
        const request = parseBody(createInstanceRequestSchema, body);
        const problems: FieldError[] = [];
        const region = findRegion(request.region);
        if (region === undefined) {
          problems.push({ field: 'region', reason: 'is not a region; GET /v1/regions lists them' });
        }
        const plan = findPlan(request.plan);
        if (plan === undefined) {
          problems.push({ field: 'plan', reason: 'is not a plan; GET /v1/plans lists them' });
        } else if (region !== undefined && !plan.regions.includes(region.id)) {
          problems.push({ field: 'plan', reason: `is not offered in region ${region.id}` });
        }
        if (findImage(request.image) === undefined) {
          problems.push({ field: 'image', reason: 'is not an image; GET /v1/images lists them' });
        }
        if (request.enable_ipv6 === true && region !== undefined && !regionHasFeature(region, 'ipv6')) {
          problems.push({
            field: 'enable_ipv6',
            reason: `is not available: region ${region.id} has no IPv6`,
          });
        }
        const userDataSha256 =
          request.user_data === undefined ? null : userDataDigest(request.user_data, problems);
        const sshKeyIds = canonical(request.ssh_key_ids ?? []);
        request.ssh_key_ids?.forEach((keyId, index) => {
          if (store.sshKeys.get(keyId) === undefined) {
            problems.push({ field: `ssh_key_ids[${index}]`, reason: `does not name an SSH key (${keyId})` });
          }
        });
        const firewallId = request.firewall_id ?? null;
        if (firewallId !== null && store.firewalls.get(firewallId) === undefined) {
          problems.push({ field: 'firewall_id', reason: 'does not name a firewall' });
        }
        const [first, ...rest] = problems;
        if (first !== undefined) throw InvalidRequestError.forFields([first, ...rest]);
        if (region === undefined || plan === undefined)
          throw new Error('unreachable: region and plan were checked');

        const id = newId('instance');
        try {
          const instance = store.transaction(() =>
            store.instances.create(
              {
                id,
                label: request.label,
                hostname: request.hostname ?? hostnameFromLabel(request.label, id),
                region: region.id,
                plan: plan.id,
                image: request.image,
                vcpu_count: plan.vcpu_count,
                ram_mb: plan.ram_mb,
                disk_gb: plan.disk_gb,
                ssh_key_ids: sshKeyIds,
                firewall_id: firewallId,
                tags: canonical(request.tags ?? []),
                backups: request.backups ?? false,
                user_data_sha256: userDataSha256,
                enable_ipv6: request.enable_ipv6 ?? false,
              },
              clock.nowIso(),
              dueIn(lifecycle.durations.provisionMs),
            ),
          );
          return { status: 202, body: { instance }, headers: { Location: `${COLLECTION}/${id}` } };
        } catch (error) {
          if (!(error instanceof AddressPoolExhaustedError)) throw error;
          throw new ConflictError(
            `No public IPv4 address is free: all ${IPV4_POOL.length} addresses are held by instances. ` +
              'Delete an instance to free one.',
            { pool_size: IPV4_POOL.length },
          );
        }
      },
    },
    {
      method: 'GET',
      path: COLLECTION,
      describe: {
        summary: 'List instances',
        query: listInstancesQuerySchema,
        status: 200,
        response: instanceListSchema,
      },
      permission: 'instances:read',
      handler: ({ query }): Reply => {
        const { per_page, cursor, order, sort, label, region, status, tag } = parseQuery(
          listInstancesQuerySchema,
          query,
        );
        return listReply('instances', () =>
          store.instances.list({
            sort,
            order,
            perPage: per_page,
            label,
            region,
            status,
            tag,
            cursor,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: ITEM,
      describe: { summary: 'Get an instance', status: 200, response: instanceResponseSchema },
      permission: 'instances:read',
      handler: ({ params }) => ({ status: 200, body: { instance: found(params.id as string).instance } }),
    },
    {
      method: 'PATCH',
      path: ITEM,
      describe: {
        summary: 'Change an instance (a new plan resizes it)',
        body: updateInstanceRequestSchema,
        status: 202,
        response: instanceResponseSchema,
        errors: ['conflict'],
      },
      permission: 'instances:write',
      handler: (request) => updateInstance(request),
    },
    {
      method: 'DELETE',
      path: ITEM,
      describe: { summary: 'Delete an instance (its block volumes are detached first)', status: 204 },
      permission: 'instances:write',
      handler: ({ params }) => {
        const id = params.id as string;
        if (store.instances.delete(id, clock.nowIso()) === undefined) found(id);
        return { status: 204 };
      },
    },
    powerAction('start'),
    powerAction('stop'),
    powerAction('reboot'),
  ];

  function updateInstance({ params, body }: RouteRequest): Reply {
    const id = params.id as string;
    const request = parseBody(updateInstanceRequestSchema, body);
    return store.transaction(() => {
      const state = found(id);
      const current = state.instance;
      const problems: FieldError[] = [];
      const resizeTo = request.plan === undefined || request.plan === current.plan ? undefined : request.plan;
      if (resizeTo !== undefined) {
        const plan = findPlan(resizeTo);
        if (plan === undefined) {
          problems.push({ field: 'plan', reason: 'is not a plan; GET /v1/plans lists them' });
        } else if (!plan.regions.includes(current.region)) {
          problems.push({ field: 'plan', reason: `is not offered in region ${current.region}` });
        } else if (plan.disk_gb < current.disk_gb) {
          problems.push({
            field: 'plan',
            reason: `has a ${plan.disk_gb} GB disk, smaller than the instance's ${current.disk_gb} GB; disks cannot shrink`,
          });
        }
      }
      if (typeof request.firewall_id === 'string' && store.firewalls.get(request.firewall_id) === undefined) {
        problems.push({ field: 'firewall_id', reason: 'does not name a firewall' });
      }
      const [first, ...rest] = problems;
      if (first !== undefined) throw InvalidRequestError.forFields([first, ...rest]);
      refuseWhileBusy(state, 'change');

      const now = clock.nowIso();
      let instance: Instance | undefined = store.instances.update(
        id,
        {
          label: request.label,
          tags: request.tags === undefined ? undefined : canonical(request.tags),
          firewall_id: request.firewall_id,
          backups: request.backups,
        },
        now,
      );
      if (resizeTo !== undefined) {
        instance = store.instances.beginOperation(
          id,
          { action: 'resize', resizePlan: resizeTo },
          now,
          dueIn(lifecycle.durations.resizeMs),
        );
      }
      return { status: 202, body: { instance: instance ?? current } };
    });
  }
}

/**
 * One slow operation at a time: an instance that is provisioning, resizing, suspended or in the middle of
 * a power action refuses changes and actions with 409, naming what it is busy with. Every one but a
 * suspension ends by itself, so those are marked retryable.
 */
function refuseWhileBusy({ instance, action }: InstanceState, attempted: PowerAction | 'change'): void {
  const busyWith =
    instance.status === 'pending'
      ? 'is still being provisioned'
      : instance.status === 'resizing'
        ? 'is being resized'
        : instance.status === 'suspended'
          ? 'is suspended'
          : action !== null
            ? `is in the middle of a ${action}`
            : undefined;
  if (busyWith === undefined) return;
  const what = attempted === 'change' ? 'be changed' : `${attempted}`;
  const Refusal = instance.status === 'suspended' ? ConflictError : BusyError;
  throw new Refusal(`Instance ${instance.id} ${busyWith}; it cannot ${what} until that completes.`, {
    status: instance.status,
    power_status: instance.power_status,
    ...(action === null ? {} : { action }),
  });
}

/** Sorted (by code point) and without duplicates: how tags and SSH key ids are stored and returned. */
function canonical(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The hex SHA-256 of the decoded user data, or null after recording a problem with it. */
function userDataDigest(base64: string, problems: FieldError[]): string | null {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length > USER_DATA_MAX_BYTES) {
    problems.push({
      field: 'user_data',
      reason: `must decode to at most ${USER_DATA_MAX_BYTES} bytes (it decodes to ${decoded.length})`,
    });
    return null;
  }
  return createHash('sha256').update(decoded).digest('hex');
}

/**
 * The label made into one host-name label: lower case, runs of other characters become a hyphen, at most
 * 63 characters (`Web server #1` → `web-server-1`). A label with no letters or digits falls back to the id.
 */
function hostnameFromLabel(label: string, id: string): string {
  const fromLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return fromLabel === '' ? id.toLowerCase().replace(/_/g, '-') : fromLabel;
}
