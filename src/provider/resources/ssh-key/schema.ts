import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { checkPublicKey, checkSshKeyName, samePublicKey } from './rules';

export const SSH_KEY_TYPE = 'lightyear_ssh_key';

export const sshKeySchema = resourceSchema({
  version: 0,
  description:
    'An SSH public key registered with LightYear Cloud, installed on instances that name it in `ssh_key_ids`.',
  attributes: {
    id: attr.string({
      description: 'The key id (`sshk_...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    name: attr.string({
      description:
        'A label for the key. Changing it updates the key in place. Surrounding blanks are not part of the name.',
      required: true,
      validate: checkSshKeyName,
      equivalent: (a, b) => typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim(),
    }),
    public_key: attr.string({
      description:
        'The OpenSSH public key: `ssh-ed25519`, `ssh-rsa` (2048 bits or more) or `ecdsa-sha2-nistp256/384/521`, base64 body, optional comment. `file("~/.ssh/id_ed25519.pub")` works as it is: surrounding white space is not part of the key. Changing the key replaces it.',
      required: true,
      validate: checkPublicKey,
      equivalent: samePublicKey,
      planModifiers: [requiresReplace()],
    }),
    fingerprint: attr.string({
      description: 'SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    created_at: attr.string({
      description: 'When the key was registered (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
});

export type SshKeyState = StateOf<typeof sshKeySchema>;
