import type { Construct } from 'constructs';
import { judge, type SpellingProblem } from '../src/spelling';
import { isConcrete } from './validation';

/**
 * The API's own rules (src/spelling) as synth-time checks: the same functions the local cloud and the
 * provider judge with, so a construct can never accept what `terraform apply` would refuse, nor refuse what
 * it would accept. Messages name the construct path and the prop, and carry the rule's fix where it has one.
 */

/** `Server web/server: label must be ...; write "..."`. */
export function propMessage(construct: Construct, prop: string, problem: SpellingProblem): string {
  const kind = construct.constructor.name;
  const fix = problem.fix === undefined ? '' : `; ${problem.fix}`;
  return `${kind} ${construct.node.path}: ${prop} ${problem.reason}${fix}`;
}

/** The problem a canonicalizer finds with a concrete value; tokens are left to Terraform. */
export function problemOf<T>(value: unknown, canonicalize: (text: string) => T): SpellingProblem | undefined {
  if (!isConcrete(value) || typeof value !== 'string') return undefined;
  const verdict = judge(() => canonicalize(value));
  return verdict.ok ? undefined : verdict.problem;
}

/** One check per prop, collected into the messages of those that fail. */
export function propFailures(
  construct: Construct,
  checks: readonly (readonly [prop: string, problem: SpellingProblem | undefined])[],
): string[] {
  return checks.flatMap(([prop, problem]) =>
    problem === undefined ? [] : [propMessage(construct, prop, problem)],
  );
}
