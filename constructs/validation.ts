import { Token } from 'cdktf';

/** One rule of a construct's props: when `failed`, `message` says what is wrong and how to fix it. */
export interface PropRule {
  readonly failed: boolean;
  readonly message: string;
}

/**
 * Whether a prop holds a concrete value that can be checked now. Tokens (another resource's id, a variable)
 * resolve only in Terraform, so rules skip them rather than guess.
 */
export function isConcrete(value: unknown): boolean {
  return value !== undefined && !Token.isUnresolved(value);
}

export function failures(rules: readonly PropRule[]): string[] {
  return rules.filter((r) => r.failed).map((r) => r.message);
}
