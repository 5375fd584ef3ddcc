import fs from 'node:fs';
import path from 'node:path';

/** Where each resource's example lives: `docs/examples/resources/<type>.tf`, plain HCL a user can copy. */
export const EXAMPLES_DIR = path.join('docs', 'examples', 'resources');

/**
 * The hand-written examples by resource type. They are kept as `.tf` files, not strings in code, so that a
 * test can run them through the real terraform and the reference page shows what was checked.
 */
export function readReferenceExamples(root: string): Record<string, string> {
  const dir = path.join(root, EXAMPLES_DIR);
  const examples: Record<string, string> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.tf'))
      examples[file.slice(0, -'.tf'.length)] = fs.readFileSync(path.join(dir, file), 'utf8');
  }
  return examples;
}
