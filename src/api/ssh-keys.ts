import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

export const sshKeyIdSchema = idSchema('sshk');

export const sshKeySchema = z.object({
  id: sshKeyIdSchema,
  name: z.string(),
  /** Normalized: key type, base64 body and comment, separated by single spaces. */
  public_key: z.string(),
  /** `SHA256:` and the unpadded base64 SHA-256 of the key blob, as `ssh-keygen -l` prints it. */
  fingerprint: z.string().startsWith('SHA256:'),
  created_at: timestampSchema,
});
export type SshKey = z.infer<typeof sshKeySchema>;

export const sshKeyNameSchema = nameFieldSchema(NAME_LIMITS.sshKeyName);

export const createSshKeyRequestSchema = z.strictObject({
  name: sshKeyNameSchema,
  public_key: z.string().min(1).max(16384),
});
export type CreateSshKeyRequest = z.infer<typeof createSshKeyRequestSchema>;

/** The key material is immutable; only the name changes. */
export const updateSshKeyRequestSchema = z.strictObject({
  name: sshKeyNameSchema,
});
export type UpdateSshKeyRequest = z.infer<typeof updateSshKeyRequestSchema>;

export const sshKeyResponseSchema = z.object({ ssh_key: sshKeySchema });

export const listSshKeysQuerySchema = listQuerySchema.extend({
  /** Exact match on the (trimmed) name. */
  name: z.string().min(1).max(255).optional(),
  sort: z.enum(['created_at', 'name']).default('created_at'),
});
export type ListSshKeysQuery = z.input<typeof listSshKeysQuerySchema>;

export const sshKeyListSchema = listEnvelopeSchema('ssh_keys', sshKeySchema);
export type SshKeyList = z.infer<typeof sshKeyListSchema>;
