import fs from 'node:fs';
import path from 'node:path';

/** Resources and data sources each have their examples, as the Terraform registry lays docs out. */
export type ExampleKind = 'resources' | 'data-sources';

/** Where each example lives: `docs/examples/<kind>/<type>.tf`, plain HCL a user can copy. */
export function examplesDir(kind: ExampleKind): string {
  return path.join('docs', 'examples', kind);
}

/**
 * The hand-written examples by type. They are kept as `.tf` files, not strings in code, so that a test can
 * run them through the real terraform and the reference page shows what was checked.
 */
export function readReferenceExamples(root: string, kind: ExampleKind = 'resources'): Record<string, string> {
  const dir = path.join(root, examplesDir(kind));
  const examples: Record<string, string> = {};
  if (!fs.existsSync(dir)) return examples;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.tf'))
      examples[file.slice(0, -'.tf'.length)] = fs.readFileSync(path.join(dir, file), 'utf8');
  }
  return examples;
}
