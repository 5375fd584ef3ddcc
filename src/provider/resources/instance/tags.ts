/**
 * `tags`, `default_tags` and `tags_all`. The instance carries one set of tags (`tags_all`, what is sent to the
 * API): the provider's defaults with the instance's own. `tags` keeps only what the configuration wrote, and a
 * tag that is both a default and configured is one tag — kept in `tags` because the configuration says it, so
 * no plan ever tries to add or remove it (the AWS provider's perpetual diff).
 */

/** Sorted by code point and without duplicates, as the API stores tags. */
export function canonicalTags(tags: Iterable<string>): string[] {
  return [...new Set(tags)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The tags the instance should carry: the defaults and its own. */
export function mergedTags(defaults: readonly string[], own: readonly string[] | null): string[] {
  return canonicalTags([...defaults, ...(own ?? [])]);
}

/**
 * The instance's own `tags` given what it carries (`apiTags`): every tag that was its own before stays its own
 * while the instance still carries it; any other carried tag that is not a default is its own too (added
 * outside Terraform: it shows as drift). Null stays null when nothing is its own, so an instance configured
 * without `tags` does not differ from its state.
 */
export function ownTags(
  apiTags: readonly string[],
  priorOwn: readonly string[] | null,
  defaults: readonly string[],
): string[] | null {
  const own = canonicalTags(apiTags.filter((tag) => priorOwn?.includes(tag) || !defaults.includes(tag)));
  return priorOwn === null && own.length === 0 ? null : own;
}

/** Whether two tag lists are the same set. */
export function sameTagSet(a: readonly string[], b: readonly string[]): boolean {
  const x = canonicalTags(a);
  const y = canonicalTags(b);
  return x.length === y.length && x.every((tag, i) => tag === y[i]);
}
