/**
 * `npm run generate`: everything derived from the provider and the API description, in one go.
 *
 * - `constructs/generated/`: CDKTF bindings from cdktf's own provider generator over the built provider's
 *   schema as Terraform reports it (needs `terraform` and `dist/`; the npm script builds first). Checked by
 *   the e2e test test/e2e/codegen/generated-drift.test.ts.
 * - `docs/reference/`: reference pages from the provider's schema objects; `docs/openapi.json`: the local
 *   cloud's OpenAPI document. Both pure, checked by the unit test test/codegen/generated-docs-drift.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedOpenApiFiles } from '../cloud/openapi/live-document';
import { lightyearProvider, PROVIDER_SOURCE } from '../provider/provider';
import { generateCdktfBindings } from './cdktf-generator';
import { BINDINGS_DIR, type ProviderAddress } from './cdktf-output';
import { generateReferenceDocs } from './docs';
import { readProviderSchemaJson, type ReadProviderSchemaOptions } from './provider-schema-json';
import { readReferenceExamples } from './reference-examples';

const ROOT = path.resolve(__dirname, '..', '..');

/** The reference docs and the OpenAPI document, by path relative to the repository root. */
export function generatedDocFiles(): Record<string, string> {
  return {
    ...generateReferenceDocs(lightyearProvider, PROVIDER_SOURCE, {
      resources: readReferenceExamples(ROOT, 'resources'),
      dataSources: readReferenceExamples(ROOT, 'data-sources'),
    }),
    ...generatedOpenApiFiles(),
  };
}

/** The CDKTF bindings for the built provider, by path relative to the repository root. */
export async function generatedBindingFiles(
  options: ReadProviderSchemaOptions = {},
): Promise<Record<string, string>> {
  const provider = providerAddress();
  const { schema, version } = await readProviderSchemaJson(provider, options);
  return generateCdktfBindings(schema, provider, version);
}

function providerAddress(): ProviderAddress {
  const [namespace, type] = PROVIDER_SOURCE.split('/');
  if (namespace === undefined || type === undefined)
    throw new TypeError(`unexpected source ${PROVIDER_SOURCE}`);
  return { namespace, type };
}

async function main(): Promise<void> {
  const root = ROOT;
  const started = performance.now();
  const bindings = await generatedBindingFiles();
  const bindingsMs = performance.now() - started;
  // Replaced whole, so a resource that no longer exists leaves no folder behind.
  fs.rmSync(path.join(root, BINDINGS_DIR), { recursive: true, force: true });
  for (const [file, content] of Object.entries({ ...bindings, ...generatedDocFiles() })) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${file}`);
  }
  console.log(`bindings generated in ${(bindingsMs / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
