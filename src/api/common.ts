import { z } from 'zod';

/** ISO 8601 UTC with a `Z`, as every timestamp of the API is written. */
export const timestampSchema = z.iso.datetime({ offset: false });

/** An opaque id with its type prefix (`sshk_...`). */
export function idSchema(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `must be an id starting with ${prefix}_`);
}

export const ID_PREFIXES = {
  instance: 'inst',
  sshKey: 'sshk',
  firewall: 'fw',
  block: 'blk',
  record: 'rec',
  snapshot: 'snap',
  webhook: 'whk',
  apiKey: 'key',
  event: 'evt',
  request: 'req',
} as const;

/** Query parameters every list endpoint takes. */
export const listQuerySchema = z.object({
  per_page: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const listMetaSchema = z.object({
  total: z.number().int().nonnegative(),
  next_cursor: z.string().nullable(),
});

/** `{"<plural>": [...], "meta": {...}}`: the envelope of every list answer. */
export function listEnvelopeSchema<K extends string, T extends z.ZodType>(plural: K, item: T) {
  return z.object({ [plural]: z.array(item), meta: listMetaSchema } as { [P in K]: z.ZodArray<T> } & {
    meta: typeof listMetaSchema;
  });
}
