import type { BlockSchema } from '../../framework/schema';
import { ctyString } from '../../protocol/values';

export const SSH_KEY_TYPE = 'lightyear_ssh_key';

/** A key written exactly as the API stores it: no surrounding white space, single spaces between parts. */
function checkPublicKeySpelling(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value !== value.trim())
    return 'public_key has leading or trailing white space (a newline from file()?); wrap it in trimspace(...)';
  if (/\s{2,}|[\t\r\n]/.test(value))
    return 'public_key must be one line with single spaces between its parts';
  return undefined;
}

function checkName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 0) return 'name must not be empty';
  if (value.length > 255) return `name must be at most 255 characters (it has ${value.length})`;
  if (value !== value.trim()) return 'name must not start or end with white space';
  return undefined;
}

export const sshKeySchema: BlockSchema = {
  version: 0,
  description:
    'An SSH public key registered with LightYear Cloud, installed on instances that name it in `ssh_key_ids`.',
  attributes: {
    id: {
      type: ctyString,
      description: 'The key id (`sshk_...`).',
      computed: true,
      useStateForUnknown: true,
    },
    name: {
      type: ctyString,
      description: 'A label for the key. Changing it updates the key in place.',
      required: true,
      validate: checkName,
    },
    public_key: {
      type: ctyString,
      description:
        'The OpenSSH public key, one line: `ssh-ed25519`, `ssh-rsa` (2048 bits or more) or `ecdsa-sha2-nistp256/384/521`, base64 body, optional comment. Changing it replaces the key.',
      required: true,
      requiresReplace: true,
      validate: checkPublicKeySpelling,
    },
    fingerprint: {
      type: ctyString,
      description: 'SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).',
      computed: true,
      useStateForUnknown: true,
    },
    created_at: {
      type: ctyString,
      description: 'When the key was registered (RFC 3339, UTC).',
      computed: true,
      useStateForUnknown: true,
    },
  },
};

export const SSH_KEY_ATTRIBUTES = Object.keys(sshKeySchema.attributes);
