/** `ams, fra, lon` — at most `max` names, then how many more, for "what exists nearby" in error messages. */
export function listed(names: readonly string[], max = 12): string {
  if (names.length === 0) return '(none)';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
