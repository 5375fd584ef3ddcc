// js-yaml ships no types (and @types/js-yaml is not installed): the one function the tests use. YAML 1.2
// core schema, so `on:` stays the key "on" rather than becoming `true` as YAML 1.1 parsers make it.
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string; json?: boolean }): unknown;
}
