import { attr, dataSourceSchema, type StateOf } from '../../framework/schema-builder';
import { checkSshKeyId, checkSshKeyName } from './rules';

export const sshKeyDataSourceSchema = dataSourceSchema({
  description:
    'An SSH key already registered with LightYear Cloud (by another configuration, `lyctl` or the API), by `id` or by `name`. A name that several keys carry is an error listing them: look such a key up by id.',
  attributes: {
    id: attr.string({
      description:
        'The key id (`sshk_...`). Set it to look the key up by id; otherwise the id of the key named `name`.',
      optional: true,
      computed: true,
      validate: checkSshKeyId,
    }),
    name: attr.string({
      description:
        "The key's name, matched exactly (case matters); surrounding blanks are not part of a name. Set it (without `id`) to look the key up by name.",
      optional: true,
      computed: true,
      validate: checkSshKeyName,
    }),
    public_key: attr.string({
      description: 'The OpenSSH public key as the API normalized it: type, base64 body and comment.',
      computed: true,
    }),
    fingerprint: attr.string({
      description: 'SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).',
      computed: true,
    }),
    created_at: attr.string({ description: 'When the key was registered (RFC 3339, UTC).', computed: true }),
  },
});

export type SshKeyDataState = StateOf<typeof sshKeyDataSourceSchema>;
