import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import { API_KEY_PERMISSIONS } from '../spelling/permissions';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

export const apiKeyIdSchema = idSchema('key');

// The permission list lives in src/spelling, so the provider validates with the API's own list.
export { API_KEY_PERMISSIONS, PERMISSION_RESOURCES, type PermissionResource } from '../spelling/permissions';

/** Most ranges one key may be limited to; a longer list is a firewall's job, not a key's. */
export const MAX_ALLOWED_IPS = 100;

export const apiKeySchema = z.object({
  id: apiKeyIdSchema,
  name: z.string(),
  /** `ly_` and the first 6 characters of the secret: enough to tell keys apart, never enough to use one. */
  prefix: z.string().startsWith('ly_'),
  permissions: z.array(z.string()),
  /** When the key stops working; null: never. */
  expires_at: timestampSchema.nullable(),
  /** Canonical CIDRs the key may be used from; null: from anywhere. */
  allowed_ips: z.array(z.string()).nullable(),
  /** Last successful authentication, to the minute; null: never used. */
  last_used_at: timestampSchema.nullable(),
  created_at: timestampSchema,
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyNameSchema = nameFieldSchema(NAME_LIMITS.apiKeyName);

const PERMISSIONS_REASON = `must list permissions from ${API_KEY_PERMISSIONS.join(', ')}`;

/**
 * Checked on the whole list rather than per item so that a refusal is reported on `permissions` and names
 * the offending entry, which reads better in a plan than `permissions[3]`.
 */
export const apiKeyPermissionsSchema = z
  .array(z.string(), { error: PERMISSIONS_REASON })
  .min(1, 'must list at least one permission')
  .superRefine((permissions, ctx) => {
    const unknown = permissions.find((permission) => !API_KEY_PERMISSIONS.includes(permission));
    if (unknown !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${JSON.stringify(unknown)}, which is not a permission; use ${API_KEY_PERMISSIONS.join(', ')}`,
      });
      return;
    }
    const repeated = permissions.find((permission, index) => permissions.indexOf(permission) !== index);
    if (repeated !== undefined) {
      ctx.addIssue({ code: 'custom', message: `lists ${JSON.stringify(repeated)} more than once` });
    }
  });

export const createApiKeyRequestSchema = z.strictObject({
  name: apiKeyNameSchema,
  permissions: apiKeyPermissionsSchema,
  /** Must be in the future; omitted or null: the key never expires. */
  expires_at: timestampSchema.nullable().optional(),
  /** IPv4/IPv6 CIDRs or single addresses; omitted or null: usable from anywhere. */
  allowed_ips: z
    .array(z.string().min(1).max(64))
    .min(1, 'must list at least one range; omit it to allow every address')
    .max(MAX_ALLOWED_IPS)
    .nullable()
    .optional(),
});
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;

export const apiKeyResponseSchema = z.object({ api_key: apiKeySchema });

/** The only answer that carries the secret: it is shown once, at creation, and stored only as a hash. */
export const createdApiKeyResponseSchema = z.object({
  api_key: apiKeySchema,
  secret: z.string().regex(/^ly_[0-9A-Za-z]{40}$/),
});
export type CreatedApiKeyResponse = z.infer<typeof createdApiKeyResponseSchema>;

export const listApiKeysQuerySchema = listQuerySchema.extend({
  /** Exact match on the (trimmed) name. */
  name: z.string().min(1).max(255).optional(),
  sort: z.enum(['created_at', 'name']).default('created_at'),
});
export type ListApiKeysQuery = z.input<typeof listApiKeysQuerySchema>;

export const apiKeyListSchema = listEnvelopeSchema('api_keys', apiKeySchema);
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
