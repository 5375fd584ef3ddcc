import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  canonicalName,
  instanceTagProblem,
  NAME_LIMITS,
  normalizeInstanceHostname,
  type SpellingProblem,
} from '../src/spelling';
import type { CheapestPlan, NewestImage } from './catalog';
import type { Firewall } from './firewall';
import * as tf from './generated';
import type { SshKey } from './ssh-key';
import { problemOf, propFailures } from './rules';
import { isConcrete } from './validation';

/** The most user data the API takes, decoded. */
const MAX_USER_DATA_BYTES = 64 * 1024;

export interface ServerProps {
  /** The server's label, 1 to 255 characters; changing it updates it in place. */
  readonly label: string;
  /** The region (`ams`, `fra`, `lon`, `nyc`, `sfo`, `sgp`, `syd`, `tyo`); changing it replaces the server. */
  readonly region: string;
  /**
   * The plan: an id (`vc2-1c-1gb`) or a `CheapestPlan` look-up. Changing it resizes in place; the new plan
   * must be offered in the region and have at least the current disk.
   */
  readonly plan: string | CheapestPlan;
  /** The image: an id (`debian-12`) or a `NewestImage` look-up. Changing it replaces the server. */
  readonly image: string | NewestImage;
  /** @default derived by the API from the label */
  readonly hostname?: string;
  /** Keys to install for `root`; changing them replaces the server. @default none */
  readonly sshKeys?: readonly SshKey[];
  /** @default no firewall: every port is open */
  readonly firewall?: Firewall;
  /** cloud-init user data as text (the provider encodes it); at most 64 KiB. @default none */
  readonly userData?: string;
  /** @default no tags */
  readonly tags?: readonly string[];
  /** @default false */
  readonly enableIpv6?: boolean;
  /** @default false */
  readonly backups?: boolean;
  /** `running` or `stopped`. @default running */
  readonly powerStatus?: 'running' | 'stopped';
  /** @default the stack's default `lightyear` provider */
  readonly provider?: TerraformProvider;
}

/** A LightYear server (a `lightyear_instance`) that takes its SSH keys and firewall as constructs. */
export class Server extends Construct {
  /** The underlying `lightyear_instance` resource, for escape hatches. */
  public readonly resource: tf.Instance;
  /** The region, as given. */
  public readonly region: string;
  /** Whether it has an IPv6 address (`enableIpv6`). */
  public readonly ipv6Enabled: boolean;

  public constructor(scope: Construct, id: string, props: ServerProps) {
    super(scope, id);
    this.region = props.region;
    this.ipv6Enabled = props.enableIpv6 === true;
    const plan = typeof props.plan === 'string' ? props.plan : props.plan.planId;
    const image = typeof props.image === 'string' ? props.image : props.image.imageId;
    this.resource = new tf.Instance(this, 'Resource', {
      label: isConcrete(props.label) ? props.label.trim() : props.label,
      region: props.region,
      plan,
      image,
      hostname: props.hostname,
      sshKeyIds: props.sshKeys?.map((key) => key.sshKeyId),
      firewallId: props.firewall?.firewallId,
      userData: props.userData,
      tags: props.tags === undefined ? undefined : [...props.tags],
      enableIpv6: props.enableIpv6,
      backups: props.backups,
      powerStatus: props.powerStatus,
      provider: props.provider,
    });
    this.node.addValidation({
      validate: () =>
        propFailures(this, [
          ['label', problemOf(props.label, (t) => canonicalName(t, NAME_LIMITS.instanceLabel))],
          ['hostname', problemOf(props.hostname, normalizeInstanceHostname)],
          ['tags', tagsProblem(props.tags)],
          ['userData', userDataProblem(props.userData)],
          ['powerStatus', powerStatusProblem(props.powerStatus)],
        ]),
    });
  }

  /** The server id (`inst_...`), known after apply. */
  public get serverId(): string {
    return this.resource.id;
  }

  /** The public IPv4 address, known after apply. */
  public get ipv4(): string {
    return this.resource.ipv4;
  }

  /** The public IPv6 address (with `enableIpv6`), known after apply. */
  public get ipv6(): string {
    return this.resource.ipv6;
  }

  /** `ssh root@<ipv4>`, for an output. */
  public get sshCommand(): string {
    return Fn.join('', ['ssh root@', this.ipv4]);
  }
}

function userDataProblem(userData: string | undefined): SpellingProblem | undefined {
  if (!isConcrete(userData) || userData === undefined) return undefined;
  const bytes = Buffer.byteLength(userData, 'utf8');
  return bytes > MAX_USER_DATA_BYTES
    ? { code: 'user_data_too_large', reason: `must be at most 64 KiB (it is ${Math.ceil(bytes / 1024)} KiB)` }
    : undefined;
}

function powerStatusProblem(status: string | undefined): SpellingProblem | undefined {
  if (!isConcrete(status) || status === undefined || status === 'running' || status === 'stopped')
    return undefined;
  return {
    code: 'invalid_power_status',
    reason: `must be "running" or "stopped" (not ${JSON.stringify(status)})`,
  };
}

function tagsProblem(tags: readonly string[] | undefined): SpellingProblem | undefined {
  if (tags === undefined || !isConcrete(tags)) return undefined;
  for (const tag of tags) {
    const problem = isConcrete(tag) ? instanceTagProblem(tag) : undefined;
    if (problem !== undefined)
      return { ...problem, reason: `has ${JSON.stringify(tag)}, which ${problem.reason}` };
  }
  return undefined;
}
