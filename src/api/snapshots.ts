import { z } from 'zod';
import { NAME_LIMITS } from '../spelling/names';
import { idSchema, nameFieldSchema, listEnvelopeSchema, listQuerySchema, timestampSchema } from './common';
import { instanceIdSchema } from './instances';

export const snapshotIdSchema = idSchema('snap');

export const SNAPSHOT_STATUSES = ['pending', 'complete'] as const;
export const snapshotStatusSchema = z.enum(SNAPSHOT_STATUSES);
export type SnapshotStatus = z.infer<typeof snapshotStatusSchema>;

export const snapshotSchema = z.object({
  id: snapshotIdSchema,
  /** The instance it was taken of; kept after that instance is deleted. */
  instance_id: instanceIdSchema,
  /** Null when none was given. */
  description: z.string().nullable(),
  status: snapshotStatusSchema,
  /** The instance's disk size when the snapshot was taken. */
  size_gb: z.number().int().positive(),
  created_at: timestampSchema,
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const createSnapshotRequestSchema = z.strictObject({
  instance_id: instanceIdSchema,
  description: nameFieldSchema(NAME_LIMITS.snapshotDescription).optional(),
});
export type CreateSnapshotRequest = z.input<typeof createSnapshotRequestSchema>;

export const snapshotResponseSchema = z.object({ snapshot: snapshotSchema });

/** Snapshots sort by creation time only: they have no name. */
export const listSnapshotsQuerySchema = listQuerySchema.extend({
  instance_id: instanceIdSchema.optional(),
  sort: z.enum(['created_at']).default('created_at'),
});
export type ListSnapshotsQuery = z.input<typeof listSnapshotsQuerySchema>;

export const snapshotListSchema = listEnvelopeSchema('snapshots', snapshotSchema);
export type SnapshotList = z.infer<typeof snapshotListSchema>;
