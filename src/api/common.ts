import { z } from 'zod';
import { controlCharacterReason } from '../spelling/control-characters';
import { NAME_MAX_LENGTH, type NameLimits } from '../spelling/names';

/**
 * Every name, label and description the API takes, by the rule of src/spelling/names.ts: surrounding blanks
 * trimmed, length within the limits, no control character. The limits stay declarative here so the OpenAPI
 * document states them; test/api/name-fields.test.ts holds this schema and `canonicalName` to one verdict.
 */
export function nameFieldSchema(limits: NameLimits = {}) {
  const { min = 1, max = NAME_MAX_LENGTH } = limits;
  const trimmed = z.string().trim();
  return (min > 0 ? trimmed.min(min) : trimmed).max(max).superRefine((text, ctx) => {
    const reason = controlCharacterReason(text);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: reason });
  });
}

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

export const PER_PAGE_MIN = 1;
export const PER_PAGE_MAX = 500;
export const PER_PAGE_DEFAULT = 100;

/**
 * `per_page` arrives as a query string but typed clients pass a number, so both spellings are accepted.
 * Strings must be plain decimal digits: `z.coerce` would also take `0x10`, `1e2` and `""`, which hide typos.
 */
const PER_PAGE_REASON = `must be a whole number from ${PER_PAGE_MIN} to ${PER_PAGE_MAX}`;
const perPageSchema = z
  .union([z.number(), z.string().regex(/^[0-9]{1,9}$/, PER_PAGE_REASON)], { error: PER_PAGE_REASON })
  .transform(Number)
  .pipe(
    z
      .number()
      .int(PER_PAGE_REASON)
      .min(PER_PAGE_MIN, `must be at least ${PER_PAGE_MIN}`)
      .max(PER_PAGE_MAX, `must be at most ${PER_PAGE_MAX}`),
  );

/**
 * Query parameters every list endpoint takes. Strict, like request bodies: a misspelt parameter
 * (`perpage`, `sort_by`) is refused rather than silently ignored.
 */
export const listQuerySchema = z.strictObject({
  per_page: perPageSchema.default(PER_PAGE_DEFAULT),
  cursor: z.string().min(1).max(1024).optional(),
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
