import { SpellingError, judge, type SpellingProblem } from './errors';

/** A tag the API would refuse; `reason` reads after the field name ("tag ... must ..."). */
export class InstanceTagError extends SpellingError {
  readonly code = 'invalid_tag';
}

export const INSTANCE_TAG_MAX_CHARACTERS = 64;
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:=/-]*$/;

/**
 * An instance tag as the API takes it: 1–64 characters, letters, digits and `_ . : = / -`, starting with a
 * letter or digit. Tags are case-sensitive (`Env` and `env` are two tags), so there is no other spelling of
 * one: the tag is returned as it is, or refused.
 */
export function checkInstanceTag(tag: string): string {
  if (tag.length === 0) throw new InstanceTagError('must not be empty');
  if (tag.length > INSTANCE_TAG_MAX_CHARACTERS) {
    throw new InstanceTagError(
      `must be at most ${INSTANCE_TAG_MAX_CHARACTERS} characters (it has ${tag.length})`,
    );
  }
  if (!TAG_PATTERN.test(tag)) {
    throw new InstanceTagError(
      'must start with a letter or digit and hold only letters, digits and _ . : = / -',
      tag.includes(' ') ? 'use "-" or "_" instead of spaces, or "key:value" for a pair' : undefined,
    );
  }
  return tag;
}

/** What is wrong with a tag, or undefined when the API accepts it. */
export function instanceTagProblem(tag: string): SpellingProblem | undefined {
  const verdict = judge(() => checkInstanceTag(tag));
  return verdict.ok ? undefined : verdict.problem;
}
