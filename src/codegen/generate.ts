/**
 * Writes everything generated from the provider's own schema: the CDKTF bindings under constructs/generated
 * and the reference docs under docs/reference; and the local cloud's OpenAPI document, docs/openapi.json. `npm run generate`; test/codegen fails when they drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedOpenApiFiles } from '../cloud/openapi/live-document';
import { lightyearProvider, PROVIDER_SOURCE } from '../provider/provider';
import { generateCdktfBindings } from './cdktf-bindings';
import { generateReferenceDocs } from './docs';
import { readReferenceExamples } from './reference-examples';

const ROOT = path.resolve(__dirname, '..', '..');

export function generatedFiles(): Record<string, string> {
  return {
    ...generateCdktfBindings(lightyearProvider, PROVIDER_SOURCE),
    ...generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, readReferenceExamples(ROOT)),
    ...generatedOpenApiFiles(),
  };
}

if (require.main === module) {
  for (const [file, content] of Object.entries(generatedFiles())) {
    const target = path.join(ROOT, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${file}`);
  }
}
