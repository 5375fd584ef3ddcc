import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';
import { firewallIdSchema } from './firewalls';
import { sshKeyIdSchema } from './ssh-keys';

export const instanceIdSchema = idSchema('inst');

/** `pending` until provisioned, `resizing` during a plan change; `suspended` is set by billing only. */
export const INSTANCE_STATUSES = ['pending', 'active', 'resizing', 'suspended'] as const;
export const instanceStatusSchema = z.enum(INSTANCE_STATUSES);
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

export const POWER_STATUSES = ['running', 'stopped'] as const;
export const powerStatusSchema = z.enum(POWER_STATUSES);
export type PowerStatus = z.infer<typeof powerStatusSchema>;

export const instanceSchema = z.object({
  id: instanceIdSchema,
  label: z.string(),
  hostname: z.string(),
  region: z.string(),
  plan: z.string(),
  image: z.string(),
  status: instanceStatusSchema,
  power_status: powerStatusSchema,
  /** Null until provisioning completes. */
  ipv4: z.string().nullable(),
  /** Null unless IPv6 was enabled, and until provisioning completes. */
  ipv6: z.string().nullable(),
  vcpu_count: z.number().int().positive(),
  ram_mb: z.number().int().positive(),
  disk_gb: z.number().int().positive(),
  /** Sorted, without duplicates. */
  ssh_key_ids: z.array(sshKeyIdSchema),
  firewall_id: firewallIdSchema.nullable(),
  /** Sorted, without duplicates. */
  tags: z.array(z.string()),
  backups: z.boolean(),
  /** Hex SHA-256 of the decoded user data; the user data itself is never returned. Null without user data. */
  user_data_sha256: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Instance = z.infer<typeof instanceSchema>;

export const INSTANCE_LABEL_MAX = NAME_LIMITS.instanceLabel.max;
export const INSTANCE_TAG_MAX_LENGTH = 64;
export const INSTANCE_TAGS_MAX = 32;
export const INSTANCE_SSH_KEYS_MAX = 16;
/** 64 KiB of decoded user data. */
export const USER_DATA_MAX_BYTES = 64 * 1024;

export const instanceLabelSchema = nameFieldSchema(NAME_LIMITS.instanceLabel);

const HOSTNAME_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME_PATTERN = new RegExp(`^${HOSTNAME_LABEL}(?:\\.${HOSTNAME_LABEL})*$`);

/**
 * An RFC 1123 host name in lower case: dot-separated labels of 1–63 letters, digits and inner hyphens,
 * 253 characters at most. Upper case is refused rather than folded, so what is sent is what is stored
 * and a Terraform plan never shows a case-only difference.
 */
export const hostnameSchema = z
  .string()
  .max(253)
  .regex(
    HOSTNAME_PATTERN,
    'must be a lower-case host name (RFC 1123): labels of 1 to 63 letters, digits and inner hyphens, separated by dots',
  );

const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:=/-]*$/;

/** Tags are case-sensitive; letters, digits and `_ . : = / -`, starting with a letter or digit. */
export const instanceTagSchema = z
  .string()
  .min(1)
  .max(INSTANCE_TAG_MAX_LENGTH)
  .regex(TAG_PATTERN, 'must start with a letter or digit and hold only letters, digits and _ . : = / -');

/** Tags as sent; the cloud stores and returns them sorted and without duplicates. */
export const instanceTagsSchema = z.array(instanceTagSchema).max(INSTANCE_TAGS_MAX);

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard padded base64 of at most 64 KiB; the decoded size is checked by the cloud. */
export const userDataSchema = z
  .string()
  .min(1)
  .max(Math.ceil(USER_DATA_MAX_BYTES / 3) * 4, `must decode to at most ${USER_DATA_MAX_BYTES} bytes`)
  .regex(BASE64_PATTERN, 'must be standard base64 with padding');

export const createInstanceRequestSchema = z.strictObject({
  region: z.string().min(1).max(64),
  plan: z.string().min(1).max(64),
  image: z.string().min(1).max(64),
  label: instanceLabelSchema,
  /** Defaults to the label made into a host name (`Web 1` → `web-1`). */
  hostname: hostnameSchema.optional(),
  ssh_key_ids: z.array(sshKeyIdSchema).max(INSTANCE_SSH_KEYS_MAX).optional(),
  user_data: userDataSchema.optional(),
  firewall_id: firewallIdSchema.nullable().optional(),
  tags: instanceTagsSchema.optional(),
  enable_ipv6: z.boolean().optional(),
  backups: z.boolean().optional(),
});
export type CreateInstanceRequest = z.input<typeof createInstanceRequestSchema>;

export const updateInstanceRequestSchema = z
  .strictObject({
    label: instanceLabelSchema.optional(),
    plan: z.string().min(1).max(64).optional(),
    tags: instanceTagsSchema.optional(),
    /** `null` detaches the firewall. */
    firewall_id: firewallIdSchema.nullable().optional(),
    backups: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must set at least one of label, plan, tags, firewall_id, backups',
  });
export type UpdateInstanceRequest = z.input<typeof updateInstanceRequestSchema>;

export const instanceResponseSchema = z.object({ instance: instanceSchema });

export const listInstancesQuerySchema = listQuerySchema.extend({
  label: z.string().min(1).max(INSTANCE_LABEL_MAX).optional(),
  region: z.string().min(1).max(64).optional(),
  status: instanceStatusSchema.optional(),
  /** Instances that carry this tag. */
  tag: instanceTagSchema.optional(),
  sort: z.enum(['created_at', 'label']).default('created_at'),
});
export type ListInstancesQuery = z.input<typeof listInstancesQuerySchema>;

export const instanceListSchema = listEnvelopeSchema('instances', instanceSchema);
export type InstanceList = z.infer<typeof instanceListSchema>;
