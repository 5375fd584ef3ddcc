import {
  canonicalPublicKey,
  judge,
  NAME_LIMITS,
  nameProblem,
  samePublicKey as sameKey,
  type SpellingProblem,
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

export function checkPublicKey(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => canonicalPublicKey(value));
  return verdict.ok ? undefined : `public_key ${said(verdict.problem)}`;
}

export function checkSshKeyName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = said(nameProblem(value, NAME_LIMITS.sshKeyName));
  return problem === undefined ? undefined : `name ${problem}`;
}

/** Same key, spelled differently at most (a `file()` newline, white space, base64 padding). */
export function samePublicKey(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameKey(a, b);
}

const SSH_KEY_ID = /^sshk_[A-Za-z0-9]+$/;

/** Only the shape: whether such a key exists is the read's business. */
export function checkSshKeyId(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  return SSH_KEY_ID.test(value)
    ? undefined
    : `id "${value}" is not an SSH key id; SSH key ids look like sshk_2bX9... (see \`npx lyctl ssh-key list\`)`;
}
