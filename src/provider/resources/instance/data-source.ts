import type { Instance } from '../../../api';
import type { LightyearClient } from '../../../client';
import { clientModule } from '../../client-module';
import type { Diagnostics } from '../../framework/diagnostics';
import { ResourceError } from '../../framework/errors';
import type { DataSourceDefinition, OperationContext } from '../../framework/resource';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { toValue } from '../../framework/typed-state';
import type { ObjectValue } from '../../protocol/values';
import { Unknown } from '../../protocol/values';
import { toResourceError } from '../api-errors';
import { checkLabel } from './rules';

export const INSTANCE_DATA_TYPE = 'lightyear_instance';

const computed = (description: string) => attr.string({ description, computed: true });

export const instanceDataSchema = resourceSchema({
  version: 0,
  description:
    'An existing LightYear Cloud instance, found by `id` or by `label` (exactly one of them). A label that matches no instance, or several, is an error naming what was found.',
  attributes: {
    id: attr.string({
      description: 'The instance id (`inst_...`). Set this or `label`.',
      optional: true,
      computed: true,
    }),
    label: attr.string({
      description:
        'The instance label, matched exactly (surrounding blanks aside). Set this or `id`; several instances with the label are an error.',
      optional: true,
      computed: true,
      validate: checkLabel,
    }),
    hostname: computed('The host name.'),
    region: computed('Region id.'),
    plan: computed('Plan id.'),
    image: computed('Image id.'),
    status: computed('`pending`, `active`, `resizing` or `suspended`.'),
    power_status: computed('`running` or `stopped`.'),
    ipv4: computed('Public IPv4 address; null until provisioned.'),
    ipv6: computed('Public IPv6 address; null unless IPv6 is enabled.'),
    vcpu_count: attr.number({ description: 'vCPUs.', computed: true }),
    ram_mb: attr.number({ description: 'Memory in MB.', computed: true }),
    disk_gb: attr.number({ description: 'Disk in GB.', computed: true }),
    ssh_key_ids: attr.stringSet({
      description: 'Ids of the SSH keys installed at creation.',
      computed: true,
    }),
    firewall_id: computed('Id of the firewall guarding it, or null.'),
    tags: attr.stringSet({ description: 'All tags the instance carries.', computed: true }),
    backups: attr.bool({ description: 'Whether automatic backups are on.', computed: true }),
    user_data_sha256: computed('Hex SHA-256 of its user data; null without user data.'),
    created_at: computed('When it was created (RFC 3339, UTC).'),
  },
});

type InstanceData = StateOf<typeof instanceDataSchema>;

export function dataFromApi(i: Instance): InstanceData {
  return {
    id: i.id,
    label: i.label,
    hostname: i.hostname,
    region: i.region,
    plan: i.plan,
    image: i.image,
    status: i.status,
    power_status: i.power_status,
    ipv4: i.ipv4,
    ipv6: i.ipv6,
    vcpu_count: i.vcpu_count,
    ram_mb: i.ram_mb,
    disk_gb: i.disk_gb,
    ssh_key_ids: [...i.ssh_key_ids],
    firewall_id: i.firewall_id,
    tags: [...i.tags],
    backups: i.backups,
    user_data_sha256: i.user_data_sha256,
    created_at: i.created_at,
  };
}

/** The one instance a label names, or an error that says what was found instead. */
export function onlyMatch(label: string, found: readonly Instance[]): Instance {
  const [first, ...rest] = found;
  if (first === undefined) {
    throw new ResourceError(
      'No instance with that label',
      `No instance is labelled "${label}". \`npx lyctl server list\` lists the instances of the account.`,
      ['label'],
      'not_found',
    );
  }
  if (rest.length > 0) {
    throw new ResourceError(
      'Several instances have that label',
      `${found.length} instances are labelled "${label}": ${found.map((i) => i.id).join(', ')}. Look the one you mean up by id instead.`,
      ['label'],
      'ambiguous_label',
    );
  }
  return first;
}

function exactlyOne(config: ObjectValue, diagnostics: Diagnostics): void {
  const id = config.id ?? null;
  const label = config.label ?? null;
  if (id instanceof Unknown || label instanceof Unknown) return;
  if (id === null && label === null)
    diagnostics.error('Missing lookup', 'Set `id` or `label` to say which instance to read.', ['id']);
  if (id !== null && label !== null)
    diagnostics.error('Conflicting lookup', 'Set `id` or `label`, not both.', ['label']);
}

export const instanceDataSource: DataSourceDefinition<LightyearClient> = {
  typeName: INSTANCE_DATA_TYPE,
  schema: instanceDataSchema,
  validateConfig: exactlyOne,

  async read(ctx: OperationContext<LightyearClient>, config) {
    const id = typeof config.id === 'string' ? config.id : null;
    const label = typeof config.label === 'string' ? config.label.trim() : null;
    try {
      let instance: Instance;
      if (id !== null) {
        instance = await ctx.client.instances.get(id, { signal: ctx.signal }).catch((err: unknown) => {
          if (!clientModule().isNotFoundError(err)) throw err;
          throw new ResourceError(
            'No such instance',
            `There is no instance with id ${id}.`,
            ['id'],
            'not_found',
          );
        });
      } else {
        const found = await ctx.client.instances.listAll({ label: label ?? '' }, { signal: ctx.signal });
        instance = onlyMatch(
          label ?? '',
          found.filter((i) => i.label === label),
        );
      }
      return toValue(instanceDataSchema, dataFromApi(instance));
    } catch (err) {
      if (err instanceof ResourceError) throw err;
      throw toResourceError(err, 'Reading the instance', instanceDataSchema);
    }
  },
};
