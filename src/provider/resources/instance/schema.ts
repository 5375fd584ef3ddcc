import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { timeoutsBlock } from '../../framework/timeouts';
import {
  activeStaysActive,
  defaultTagsAlsoConfigured,
  fixedForLife,
  plannedByResource,
  ipv6KeptFromState,
  keptUnlessPlanChanges,
  runningAfterCreate,
  userDataMatchingDigest,
} from './modifiers';
import {
  checkHostname,
  checkLabel,
  checkPowerStatus,
  checkTags,
  checkUserData,
  sameHostname,
  sameLabel,
} from './rules';

export const INSTANCE_TYPE = 'lightyear_instance';

/** Provisioning and resizing take minutes on the real cloud; deleting is quick unless something holds on. */
export const INSTANCE_TIMEOUTS = { create: '20m', update: '20m', delete: '10m' } as const;

export const instanceSchema = resourceSchema({
  version: 0,
  description:
    'A LightYear Cloud virtual machine. Creating one waits until it is provisioned (`status = "active"`) and powered as `power_status` says; a new `plan` resizes it in place and waits again.',
  attributes: {
    id: attr.string({
      description: 'The instance id (`inst_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    label: attr.string({
      description:
        'A name for the instance, up to 64 characters; surrounding blanks are not part of it. Changing it updates the instance in place.',
      required: true,
      validate: checkLabel,
      equivalent: sameLabel,
    }),
    region: attr.string({
      description:
        'Region id, e.g. `ams` or `nyc`; plans and features differ by region (both are checked at plan time). Changing it replaces the instance.',
      required: true,
      planModifiers: [requiresReplace()],
    }),
    plan: attr.string({
      description:
        'Plan id, e.g. `vc2-1c-1gb`: vCPUs, memory and disk. Changing it resizes the instance in place (it goes `resizing`, then `active`); the new plan must be offered in the region and have a disk at least as large, which is checked at plan time.',
      required: true,
    }),
    image: attr.string({
      description: 'Image id, e.g. `ubuntu-24.04` or `debian-12`. Changing it replaces the instance.',
      required: true,
      planModifiers: [requiresReplace()],
    }),
    hostname: attr.string({
      description:
        'The host name the instance gives itself: one or more labels of letters, digits and inner hyphens. The API stores it lower-case without a trailing dot, and any spelling of that (`Web-1.Example.COM.`) is accepted as the same. Defaults to the label made into a host name (`Web server 1` → `web-server-1`). Changing it replaces the instance.',
      optional: true,
      computed: true,
      validate: checkHostname,
      equivalent: sameHostname,
      planModifiers: [useStateForUnknown(), requiresReplace()],
    }),
    ssh_key_ids: attr.stringSet({
      description:
        'Ids of `lightyear_ssh_key`s installed for root at first boot. Changing them replaces the instance.',
      optional: true,
      planModifiers: [requiresReplace()],
    }),
    user_data: attr.string({
      description:
        'cloud-init user data as you write it (e.g. `file("cloud-init.yaml")`), at most 64 KiB; the provider sends it base64-encoded. The API never returns it, only its SHA-256 (`user_data_sha256`): after `terraform import` this stays empty, and configured user data with that digest plans no change. User data changed outside Terraform shows as a replacement. Changing it replaces the instance.',
      optional: true,
      sensitive: true,
      validate: checkUserData,
      planModifiers: [userDataMatchingDigest(), requiresReplace()],
    }),
    user_data_sha256: attr.string({
      description:
        'Hex SHA-256 of the user data the instance was created with, as the API reports it; null without user data.',
      computed: true,
      planModifiers: [fixedForLife()],
    }),
    firewall_id: attr.string({
      description:
        'Id of the firewall that guards the instance. Changing it updates in place; removing it detaches the firewall.',
      optional: true,
    }),
    tags: attr.stringSet({
      description:
        "Tags of this instance, case-sensitive: letters, digits and `_ . : = / -`, at most 64 characters each. Compared as a set (order and duplicates do not matter). The provider's `default_tags` are added to them in `tags_all`. Changing them updates in place.",
      optional: true,
      validate: checkTags,
      planModifiers: [defaultTagsAlsoConfigured()],
    }),
    tags_all: attr.stringSet({
      description: "The tags the instance carries: `tags` with the provider's `default_tags`.",
      computed: true,
      planModifiers: [plannedByResource()],
    }),
    enable_ipv6: attr.bool({
      description:
        'Assign an IPv6 address (regions with the `ipv6` feature only; checked at plan time). Changing it replaces the instance.',
      optional: true,
      computed: true,
      default: false,
      planModifiers: [requiresReplace()],
    }),
    backups: attr.bool({
      description: 'Automatic backups. Changing it updates in place.',
      optional: true,
      computed: true,
      default: false,
    }),
    power_status: attr.string({
      description:
        '`running` or `stopped`. Set it to power the instance on or off in place (through the start/stop actions); left out, the instance runs after create and is otherwise left as it is.',
      optional: true,
      computed: true,
      validate: checkPowerStatus,
      planModifiers: [useStateForUnknown(), runningAfterCreate()],
    }),
    status: attr.string({
      description:
        '`pending` while provisioning, `active`, `resizing` during a plan change, or `suspended` (by billing).',
      computed: true,
      planModifiers: [activeStaysActive()],
    }),
    ipv4: attr.string({
      description: 'Public IPv4 address, assigned when provisioning completes.',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    ipv6: attr.string({
      description: 'Public IPv6 address when `enable_ipv6` is set; null otherwise.',
      computed: true,
      planModifiers: [ipv6KeptFromState()],
    }),
    vcpu_count: attr.number({
      description: 'vCPUs of the plan.',
      computed: true,
      planModifiers: [keptUnlessPlanChanges()],
    }),
    ram_mb: attr.number({
      description: 'Memory of the plan, in MB.',
      computed: true,
      planModifiers: [keptUnlessPlanChanges()],
    }),
    disk_gb: attr.number({
      description: 'Disk of the plan, in GB.',
      computed: true,
      planModifiers: [keptUnlessPlanChanges()],
    }),
    created_at: attr.string({
      description: 'When the instance was created (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
  blocks: {
    timeouts: timeoutsBlock(INSTANCE_TIMEOUTS),
  },
});

export type InstanceState = StateOf<typeof instanceSchema>;
