/**
 * Every spelling rule refuses with a SpellingError: a stable `code` a program can branch on, a `reason`
 * that reads after the field name ("must be ..."), and, where one exists, a `fix` a person can apply as is.
 * The cloud turns it into a field error; the provider into a diagnostic on the attribute; lyctl into a line.
 */
export abstract class SpellingError extends Error {
  abstract readonly code: string;

  constructor(
    readonly reason: string,
    readonly fix?: string,
  ) {
    super(fix === undefined ? reason : `${reason}; ${fix}`);
    this.name = new.target.name;
  }
}

/** What a validator reports about a value that is not acceptable. */
export interface SpellingProblem {
  readonly code: string;
  readonly reason: string;
  readonly fix?: string;
}

/** The outcome of judging one value: its canonical form, or why it is refused. */
export type Verdict<T = string> =
  { readonly ok: true; readonly canonical: T } | { readonly ok: false; readonly problem: SpellingProblem };

/**
 * Runs a canonicalizer that throws SpellingError and reports the outcome as a value, for callers (the
 * provider's validation, synth-time checks) that collect problems instead of stopping at the first.
 */
export function judge<T>(canonicalize: () => T): Verdict<T> {
  try {
    return { ok: true, canonical: canonicalize() };
  } catch (error) {
    if (!(error instanceof SpellingError)) throw error;
    const problem: SpellingProblem =
      error.fix === undefined
        ? { code: error.code, reason: error.reason }
        : { code: error.code, reason: error.reason, fix: error.fix };
    return { ok: false, problem };
  }
}

/**
 * Whether two spellings have the same canonical form. A spelling that cannot be read is the same only as
 * the very same text: a refused value never equals a valid one, and comparing never throws.
 */
export function sameCanonical<T>(a: string, b: string, canonicalize: (text: string) => T): boolean {
  if (a === b) return true;
  const ca = judge(() => canonicalize(a));
  const cb = judge(() => canonicalize(b));
  return ca.ok && cb.ok && ca.canonical === cb.canonical;
}
