import { controlCharacterReason } from './control-characters';
import { SpellingError, judge, type SpellingProblem } from './errors';

/** The limit the API sets on names and labels (SSH keys, firewalls, API keys, instances, volumes). */
export const NAME_MAX_LENGTH = 255;

/**
 * The limits of every name-like field the API takes, by field: the API's schemas are built from these, and
 * the provider and constructs validate against the same numbers.
 */
export const NAME_LIMITS = {
  sshKeyName: { min: 1, max: NAME_MAX_LENGTH },
  firewallName: { min: 1, max: NAME_MAX_LENGTH },
  apiKeyName: { min: 1, max: NAME_MAX_LENGTH },
  instanceLabel: { min: 1, max: NAME_MAX_LENGTH },
  blockLabel: { min: 1, max: NAME_MAX_LENGTH },
  snapshotDescription: { min: 1, max: NAME_MAX_LENGTH },
  webhookDescription: { min: 0, max: 1024 },
} as const satisfies Record<string, Required<NameLimits>>;

/** A name, label or description that cannot be stored. */
export class NameError extends SpellingError {
  readonly code = 'invalid_name';
}

export interface NameLimits {
  /** Fewest characters after trimming; 0 for free-text fields that may be empty (a webhook description). */
  readonly min?: number;
  /** Most characters after trimming, counted as JavaScript string length (UTF-16 code units), as the API does. */
  readonly max?: number;
}

/**
 * The one rule for every name-like field the API takes: surrounding blanks are trimmed (so `" laptop "` and
 * `"laptop"` mean the same name), and what remains must be within the limits and hold no control character
 * (see control-characters.ts). Blanks at the ends are trimmed before the check, so a name read from a file
 * with its line break is the name without it; a control character inside is refused.
 */
export function canonicalName(text: string, limits: NameLimits = {}): string {
  const { min = 1, max = NAME_MAX_LENGTH } = limits;
  const name = text.trim();
  if (name.length < min) {
    throw new NameError(
      min === 1 ? 'must not be empty or only blanks' : `must be at least ${min} characters`,
    );
  }
  if (name.length > max) {
    throw new NameError(
      `must be at most ${max} characters (it has ${name.length})`,
      `shorten it by ${name.length - max}`,
    );
  }
  const control = controlCharacterReason(name);
  if (control !== undefined) throw new NameError(control, 'remove the character, or replace it with a space');
  return name;
}

/** What is wrong with a name, with a fix, or undefined when the API accepts it (after trimming). */
export function nameProblem(text: string, limits: NameLimits = {}): SpellingProblem | undefined {
  const verdict = judge(() => canonicalName(text, limits));
  return verdict.ok ? undefined : verdict.problem;
}

/** `" laptop "` and `"laptop"` are one name to the API. Unacceptable text equals only itself. */
export function sameName(a: string, b: string, limits: NameLimits = {}): boolean {
  if (a === b) return true;
  const ca = judge(() => canonicalName(a, limits));
  const cb = judge(() => canonicalName(b, limits));
  return ca.ok && cb.ok && ca.canonical === cb.canonical;
}

/**
 * For a caller that keeps the value as written and cannot rely on equivalence (a provider attribute without
 * an `equivalent`, a construct prop): the API would store the name trimmed, so the stored name would differ
 * from the configured one. Undefined when there is nothing to trim.
 */
export function surroundingBlanksProblem(text: string): SpellingProblem | undefined {
  const trimmed = text.trim();
  if (trimmed === text) return undefined;
  return {
    code: 'name_surrounding_blanks',
    reason: 'starts or ends with blanks, which the API trims',
    fix: `write ${JSON.stringify(trimmed)}`,
  };
}
