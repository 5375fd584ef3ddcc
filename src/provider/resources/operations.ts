import { clientModule } from '../client-module';
import { ResourceError } from '../framework/errors';
import type { ResourceSchema } from '../framework/schema';
import type { ObjectValue, Value } from '../protocol/values';
import { toResourceError } from './api-errors';

/**
 * The few shapes every resource kind's operations share, so a kind's resource.ts holds only what is its own.
 */

/**
 * Reads an object for refresh: null when it no longer exists (deleted behind Terraform's back: the object
 * leaves state and the next plan creates it again); any other failure becomes a diagnostic.
 */
export async function readOrGone<T>(
  what: string,
  schema: ResourceSchema,
  fetch: () => Promise<T>,
): Promise<T | null> {
  try {
    return await fetch();
  } catch (err) {
    if (clientModule().isNotFoundError(err)) return null;
    throw toResourceError(err, what, schema);
  }
}

/** Deletes an object; one that is already gone is what a delete wants, so that is success. */
export async function deleteIgnoringGone(
  what: string,
  schema: ResourceSchema,
  remove: () => Promise<unknown>,
): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (clientModule().isNotFoundError(err)) return;
    throw toResourceError(err, what, schema);
  }
}

/** Runs one API call, turning its failure into diagnostics on the attributes it concerns. */
export async function apiCall<T>(what: string, schema: ResourceSchema, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toResourceError(err, what, schema);
  }
}

/** A state holding only `id` (every other attribute null), which `read` then fills in. */
function stateWithId(schema: ResourceSchema, fields: Readonly<Record<string, string>>): ObjectValue {
  const state: Record<string, Value> = {};
  for (const name of Object.keys(schema.attributes)) state[name] = fields[name] ?? null;
  for (const [name, b] of Object.entries(schema.blocks ?? {}))
    state[name] = b.nesting === 'single' ? null : [];
  return state;
}

/**
 * `terraform import lightyear_x.name <id>` for a kind addressed by one id: refuses what cannot be such an
 * id, with an example and where to find real ones.
 */
export function importById(
  schema: ResourceSchema,
  id: string,
  kind: {
    readonly noun: string;
    readonly pattern: RegExp;
    readonly example: string;
    readonly listCommand: string;
  },
): ObjectValue {
  if (!kind.pattern.test(id)) {
    throw new ResourceError(
      'Invalid import id',
      `"${id}" is not ${kind.noun} id; such ids look like ${kind.example} (see \`${kind.listCommand}\`).`,
      undefined,
      'invalid_import_id',
    );
  }
  return stateWithId(schema, { id });
}

/**
 * An import id of several parts joined by `/` (`example.com/rec_2bX9`), each checked by its own pattern,
 * becoming the named attributes of the imported state.
 */
export function importComposite(
  schema: ResourceSchema,
  id: string,
  parts: readonly { readonly attribute: string; readonly pattern: RegExp }[],
  example: string,
): ObjectValue {
  const values = id.split('/');
  const fits = values.length === parts.length && parts.every((p, i) => p.pattern.test(values[i]!));
  if (!fits) {
    throw new ResourceError(
      'Invalid import id',
      `"${id}" is not of the form ${parts.map((p) => `<${p.attribute}>`).join('/')}, like ${example}.`,
      undefined,
      'invalid_import_id',
    );
  }
  return stateWithId(schema, Object.fromEntries(parts.map((p, i) => [p.attribute, values[i]!])));
}
