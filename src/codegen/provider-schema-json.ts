/**
 * The provider's schema as Terraform itself reports it (`terraform providers schema -json`), read from the
 * built provider the way `cdktf get` reads any provider: install it, `terraform init` a configuration that
 * requires it, ask for the schema and for the selected version. Going through Terraform rather than our own
 * schema objects means the bindings are made from exactly what users' Terraform sees, tfplugin6 encoding
 * included.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProviderSchema } from '@cdktf/commons';
import { installProvider } from '../cli/provider-package';
import type { ProviderAddress } from './cdktf-output';
import { TerraformSchemaError } from './errors';

export interface ReadProviderSchemaOptions {
  /** The provider program to install. Default: this package's built `dist/terraform-provider-lightyear.js`. */
  readonly bundlePath?: string;
  /** Default: this package's version. */
  readonly version?: string;
}

export interface ProviderSchemaResult {
  /** What `terraform providers schema -json` printed, with `provider_versions` as `cdktf get` adds it. */
  readonly schema: ProviderSchema;
  readonly version: string;
}

export async function readProviderSchemaJson(
  provider: ProviderAddress,
  options: ReadProviderSchemaOptions = {},
): Promise<ProviderSchemaResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lightyear-codegen-'));
  try {
    const installed = installProvider({
      dataDir: root,
      ...(options.bundlePath !== undefined && { bundlePath: options.bundlePath }),
      ...(options.version !== undefined && { version: options.version }),
    });
    const workDir = path.join(root, 'work');
    fs.mkdirSync(workDir);
    fs.writeFileSync(
      path.join(workDir, 'main.tf.json'),
      JSON.stringify({
        terraform: {
          required_providers: {
            [provider.type]: { source: `${provider.namespace}/${provider.type}`, version: installed.version },
          },
        },
      }),
    );
    const env = isolatedEnv(installed.cliConfigPath);
    await terraform(['init', '-input=false', '-no-color'], workDir, env);
    const schema = JSON.parse(
      await terraform(['providers', 'schema', '-json'], workDir, env),
    ) as ProviderSchema;
    const versionInfo = JSON.parse(await terraform(['version', '-json'], workDir, env)) as {
      provider_selections?: Record<string, string>;
    };
    schema.provider_versions = versionInfo.provider_selections ?? {};
    return { schema, version: installed.version };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The caller's TF_* settings (a plugin cache, a CLI config pointing elsewhere, a log level) must not change
 * what the schema read finds, so they are dropped and only our mirror's CLI config is given.
 */
function isolatedEnv(cliConfigPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('TF_') && name !== 'CHECKPOINT_DISABLE') env[name] = value;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('terraform', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const code = typeof error.code === 'number' ? error.code : null;
        reject(new TerraformSchemaError(args, code, `${stderr}${stdout}`.trim() || error.message));
      } else {
        resolve(stdout);
      }
    });
  });
}
