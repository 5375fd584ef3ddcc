/**
 * Runs cdktf's own provider generator (`@cdktf/provider-generator`, the code `cdktf get` runs for a provider)
 * over a provider schema, in memory apart from a temporary output folder. Calling it directly instead of
 * spawning `cdktf get` skips the CLI's start-up, its cdktf.json and its `.gen` layout, while the TypeScript it
 * writes is the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as CdktfCommons from '@cdktf/commons';
import type { ProviderSchema } from '@cdktf/commons';
import type * as CdktfProviderGenerator from '@cdktf/provider-generator';
import { bindingsFromGeneratorOutput, type ProviderAddress } from './cdktf-output';

type Commons = typeof CdktfCommons;
type ProviderGenerator = typeof CdktfProviderGenerator;

/** Bindings by path relative to the repository root. */
export async function generateCdktfBindings(
  schema: ProviderSchema,
  provider: ProviderAddress,
  version: string,
): Promise<Record<string, string>> {
  const { commons, generator } = loadGenerator();
  const target = new commons.ConstructsMakerProviderTarget(
    new commons.TerraformProviderConstraint(`${provider.namespace}/${provider.type}@${version}`),
    commons.Language.TYPESCRIPT,
  );
  const code = new generator.CodeMaker();
  new generator.TerraformProviderGenerator(code, schema).generate(target);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lightyear-bindings-'));
  try {
    await code.save(outDir);
    const providerDir = path.join(outDir, 'providers', provider.type);
    return bindingsFromGeneratorOutput(readTree(providerDir), provider);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Loading @cdktf/commons starts `terraform version -json` with the environment of the moment (for cdktf's
 * debug output). Without CHECKPOINT_DISABLE that child would phone home, and a TF_CLI_CONFIG_FILE naming a
 * missing file makes it log an error; so the environment is narrowed for the synchronous `require`, during
 * which the child is spawned, and restored right after. (Under jest the child sees the host process's
 * environment instead of the sandbox's, so a test may still show that harmless log line.)
 */
function loadGenerator(): { commons: Commons; generator: ProviderGenerator } {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith('TF_')) delete process.env[name];
  process.env.CHECKPOINT_DISABLE = '1';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const commons = require('@cdktf/commons') as Commons;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generator = require('@cdktf/provider-generator') as ProviderGenerator;
    return { commons, generator };
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

/** Every file below `dir`, by `/`-separated relative path. */
function readTree(dir: string, prefix = '', files = new Map<string, string>()): Map<string, string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) readTree(full, `${prefix}${entry.name}/`, files);
    else if (entry.isFile()) files.set(`${prefix}${entry.name}`, fs.readFileSync(full, 'utf8'));
  }
  return files;
}
