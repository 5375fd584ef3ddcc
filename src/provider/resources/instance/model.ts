import type { CreateInstanceRequest, Instance, UpdateInstanceRequest } from '../../../api';
import { readState, toValue } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { hostnameForApi, userDataForApi, userDataSha256 } from './rules';
import { instanceSchema, type InstanceState } from './schema';
import { mergedTags, ownTags, sameTagSet } from './tags';

export function stateFromValue(v: ObjectValue): InstanceState {
  return readState(instanceSchema, v);
}

export function valueFromState(state: InstanceState): ObjectValue {
  return toValue(instanceSchema, state);
}

/**
 * What the state knows that the API object does not say: the user data (the API returns only its digest),
 * which tags are the instance's own rather than defaults, whether IPv6 was asked for (the API shows only an
 * address, and none while provisioning), and the Terraform-only `timeouts` block.
 */
export interface KnownFromState {
  readonly userData: string | null;
  readonly ownTags: readonly string[] | null;
  readonly enableIpv6: boolean | null;
  /** `[]` configured stays `[]`, not null, so an empty set written out does not differ from state. */
  readonly sshKeyIds: readonly string[] | null;
  readonly timeouts: unknown;
}

export function knownFrom(state: InstanceState): KnownFromState {
  return {
    userData: state.user_data,
    ownTags: state.tags,
    enableIpv6: state.enable_ipv6,
    sshKeyIds: state.ssh_key_ids,
    timeouts: state.timeouts ?? null,
  };
}

/**
 * The user data the state keeps: the known text while the instance's digest is still its digest. When the
 * digest differs (the instance was rebuilt with other user data outside Terraform) or there is no known text
 * (an import), the state holds none: a configured user data then plans as a replacement unless its digest is
 * the instance's (modifiers.ts `userDataMatchingDigest`).
 */
export function userDataToKeep(known: string | null, apiDigest: string | null): string | null {
  if (known === null || apiDigest === null) return null;
  return userDataSha256(known) === apiDigest ? known : null;
}

/**
 * The API object as state, in the API's spelling; the server keeps the user's spelling wherever the two mean
 * the same (framework/equivalence.ts).
 */
export function stateFromApi(
  instance: Instance,
  known: KnownFromState,
  defaultTags: readonly string[],
): InstanceState {
  // No address yet while provisioning: what was asked for stands until the address says otherwise.
  const enableIpv6 = instance.ipv6 !== null || (instance.status === 'pending' && known.enableIpv6 === true);
  return {
    id: instance.id,
    label: instance.label,
    region: instance.region,
    plan: instance.plan,
    image: instance.image,
    hostname: instance.hostname,
    ssh_key_ids:
      instance.ssh_key_ids.length === 0 && known.sshKeyIds === null ? null : [...instance.ssh_key_ids],
    user_data: userDataToKeep(known.userData, instance.user_data_sha256),
    user_data_sha256: instance.user_data_sha256,
    firewall_id: instance.firewall_id,
    tags: ownTags(instance.tags, known.ownTags, defaultTags),
    tags_all: [...instance.tags],
    enable_ipv6: enableIpv6,
    backups: instance.backups,
    power_status: instance.power_status,
    status: instance.status,
    ipv4: instance.ipv4,
    ipv6: instance.ipv6,
    vcpu_count: instance.vcpu_count,
    ram_mb: instance.ram_mb,
    disk_gb: instance.disk_gb,
    created_at: instance.created_at,
    timeouts: known.timeouts,
  };
}

/** The create request for a planned instance; `tagsAll` is the planned `tags_all`. */
export function createRequestFrom(planned: InstanceState): CreateInstanceRequest {
  const s = planned;
  const request: CreateInstanceRequest = {
    region: s.region ?? '',
    plan: s.plan ?? '',
    image: s.image ?? '',
    label: (s.label ?? '').trim(),
  };
  if (s.hostname !== null) request.hostname = hostnameForApi(s.hostname);
  if (s.ssh_key_ids !== null && s.ssh_key_ids.length > 0) request.ssh_key_ids = [...s.ssh_key_ids];
  if (s.user_data !== null) request.user_data = userDataForApi(s.user_data);
  if (s.firewall_id !== null) request.firewall_id = s.firewall_id;
  const tags = s.tags_all ?? s.tags ?? [];
  if (tags.length > 0) request.tags = [...tags];
  if (s.enable_ipv6 === true) request.enable_ipv6 = true;
  if (s.backups === true) request.backups = true;
  return request;
}

/**
 * The PATCH that takes the instance from `prior` to `planned`: label, tags, firewall (null detaches it),
 * backups and plan (a resize), each only when it changes; undefined when nothing does.
 */
export function updateRequestFrom(
  prior: InstanceState,
  planned: InstanceState,
): UpdateInstanceRequest | undefined {
  const request: UpdateInstanceRequest = {};
  const label = (planned.label ?? '').trim();
  if (label !== (prior.label ?? '').trim()) request.label = label;
  const tags = planned.tags_all ?? mergedTags([], planned.tags);
  if (!sameTagSet(tags, prior.tags_all ?? [])) request.tags = [...tags];
  if (planned.firewall_id !== prior.firewall_id) request.firewall_id = planned.firewall_id;
  if (planned.backups !== null && planned.backups !== prior.backups) request.backups = planned.backups;
  if (planned.plan !== null && planned.plan !== prior.plan) request.plan = planned.plan;
  return Object.keys(request).length === 0 ? undefined : request;
}
