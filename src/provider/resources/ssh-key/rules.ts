import {
  canonicalPublicKey,
  judge,
  NAME_LIMITS,
  nameProblem,
  type SpellingProblem,
  type Verdict,
} from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's own rules for an SSH key (src/spelling), as the provider's validators and equivalence: judged
 * offline at validate time, so a malformed or private key never reaches an apply.
 */

function said(problem: SpellingProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}

/**
 * Verdicts on key texts, by text. Terraform validates, plans and refreshes every key in several calls (and
 * compares it with the API's spelling), and checking the key material itself (an RSA modulus, a point on the
 * curve) costs ~0.1 ms a time: a fifth of what the provider spends on a call (docs/performance.md). The
 * verdict is a pure function of the text. Bounded, so a plan of many thousand keys re-checks rather than
 * holds them all.
 */
const verdicts = new Map<string, Verdict<string>>();
const MAX_VERDICTS = 2048;

function canonicalVerdict(text: string): Verdict<string> {
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    verdict = judge(() => canonicalPublicKey(text));
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(text, verdict);
  }
  return verdict;
}

export function checkPublicKey(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = canonicalVerdict(value);
  return verdict.ok ? undefined : `public_key ${said(verdict.problem)}`;
}

export function checkSshKeyName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = said(nameProblem(value, NAME_LIMITS.sshKeyName));
  return problem === undefined ? undefined : `name ${problem}`;
}

/** Same key, spelled differently at most (a `file()` newline, white space, base64 padding). */
export function samePublicKey(a: Value, b: Value): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (a === b) return true;
  // As src/spelling's samePublicKey: text that is not a key equals only itself.
  const ca = canonicalVerdict(a);
  const cb = canonicalVerdict(b);
  return ca.ok && cb.ok && ca.canonical === cb.canonical;
}

const SSH_KEY_ID = /^sshk_[A-Za-z0-9]+$/;

/** Only the shape: whether such a key exists is the read's business. */
export function checkSshKeyId(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  return SSH_KEY_ID.test(value)
    ? undefined
    : `id "${value}" is not an SSH key id; SSH key ids look like sshk_2bX9... (see \`npx lyctl ssh-key list\`)`;
}
