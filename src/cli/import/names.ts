/**
 * Terraform resource names from what people called the objects: `Web Server #1` → `web_server_1`. A name
 * must start with a letter or underscore and hold only letters, digits, underscores and dashes; we write
 * lower-case snake case (what people write by hand), and keep names unique within a resource type.
 */

/** `text` as an identifier, or `fallback` when nothing of it is left (a label of only symbols). */
export function identifierFrom(text: string, fallback: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: `café` → `cafe`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return fallback;
  // A leading digit is not allowed; the fallback word says what the object is (`record_1_example_com`).
  return /^[0-9]/.test(words) ? `${fallback}_${words}` : words;
}

/** Hands out unique names per resource type: the second `web` is `web_2`, then `web_3`. */
export class NameAllocator {
  private readonly taken = new Map<string, Set<string>>();

  take(type: string, text: string, fallback: string): string {
    let names = this.taken.get(type);
    if (names === undefined) {
      names = new Set();
      this.taken.set(type, names);
    }
    const base = identifierFrom(text, fallback);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
    names.add(name);
    return name;
  }
}
