import { controlCharacterReason, NAME_LIMITS } from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * A snapshot's description: free text, trimmed by the API. Blank (`""`) means "no description", as leaving it
 * out does; otherwise the API's rule for descriptions applies (at most 255 characters, no control character).
 */
export function checkDescription(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const { max } = NAME_LIMITS.snapshotDescription;
  if (text.length > max)
    return `description must be at most ${max} characters (it has ${text.length}); shorten it by ${text.length - max}`;
  const control = controlCharacterReason(text);
  return control === undefined
    ? undefined
    : `description ${control}; remove the character, or replace it with a space`;
}

/** The description the API would store: trimmed, and none at all when blank. */
export function canonicalDescription(text: string | null): string | undefined {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `" nightly "` and `"nightly"` are one description; `""` and `"  "` are both none. */
export function sameDescription(a: Value, b: Value): boolean {
  return (
    typeof a === 'string' && typeof b === 'string' && canonicalDescription(a) === canonicalDescription(b)
  );
}

export const INSTANCE_ID = /^inst_[A-Za-z0-9]+$/;

export function checkInstanceId(value: Value): string | undefined {
  if (typeof value !== 'string' || INSTANCE_ID.test(value)) return undefined;
  return `instance_id must be an instance id like inst_2bX9... (got ${JSON.stringify(value)}); use lightyear_instance.<name>.id`;
}
