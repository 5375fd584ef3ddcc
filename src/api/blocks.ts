import { z } from 'zod';
import { BLOCK_SIZE_GB } from '../spelling/block-storage';
import { NAME_LIMITS } from '../spelling/names';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';

export const blockIdSchema = idSchema('blk');
const instanceIdSchema = idSchema('inst');

export const BLOCK_SIZE_MIN_GB = BLOCK_SIZE_GB.min;
export const BLOCK_SIZE_MAX_GB = BLOCK_SIZE_GB.max;

export const BLOCK_STATUSES = ['pending', 'active'] as const;
export type BlockStatus = (typeof BLOCK_STATUSES)[number];

const sizeGbSchema = z.number().int().min(BLOCK_SIZE_MIN_GB).max(BLOCK_SIZE_MAX_GB);

export const blockLabelSchema = nameFieldSchema(NAME_LIMITS.blockLabel);

/** A region id such as `ams`; whether it exists and offers block storage is checked against the catalog. */
const regionSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9-]+$/, 'must be a region id such as "ams"');

export const blockSchema = z.object({
  id: blockIdSchema,
  label: z.string(),
  region: z.string(),
  size_gb: z.number().int(),
  /** `pending` until the volume is provisioned, then `active`. */
  status: z.enum(BLOCK_STATUSES),
  /** The instance the volume is attached to, or null. */
  attached_to_instance_id: instanceIdSchema.nullable(),
  created_at: timestampSchema,
});
export type Block = z.infer<typeof blockSchema>;

export const createBlockRequestSchema = z.strictObject({
  region: regionSchema,
  size_gb: sizeGbSchema,
  label: blockLabelSchema,
  /** Attach once the volume is provisioned; the instance must be active and in the same region. */
  attached_to_instance_id: instanceIdSchema.nullable().optional(),
});
export type CreateBlockRequest = z.input<typeof createBlockRequestSchema>;

/** The size only grows. */
export const updateBlockRequestSchema = z.strictObject({
  label: blockLabelSchema.optional(),
  size_gb: sizeGbSchema.optional(),
});
export type UpdateBlockRequest = z.input<typeof updateBlockRequestSchema>;

export const attachBlockRequestSchema = z.strictObject({
  instance_id: instanceIdSchema,
});
export type AttachBlockRequest = z.input<typeof attachBlockRequestSchema>;

export const blockResponseSchema = z.object({ block: blockSchema });

export const listBlocksQuerySchema = listQuerySchema.extend({
  region: z.string().min(1).max(32).optional(),
  /** Exact match on the (trimmed) label. */
  label: z.string().min(1).max(255).optional(),
  attached_to_instance_id: z.string().min(1).max(64).optional(),
  sort: z.enum(['created_at', 'label']).default('created_at'),
});
export type ListBlocksQuery = z.input<typeof listBlocksQuerySchema>;

export const blockListSchema = listEnvelopeSchema('blocks', blockSchema);
export type BlockList = z.infer<typeof blockListSchema>;
