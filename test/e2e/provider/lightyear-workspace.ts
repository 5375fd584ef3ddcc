/**
 * A workspace for driving the real provider with the real terraform against a real local cloud: the cloud
 * runs in this process on an ephemeral port (in memory), the provider is packaged exactly as
 * `lyctl provider install` packages it, and terraform runs with its own HOME, TMPDIR and CLI config.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LightyearClient } from '../../../src/client';
import type { LocalCloudOptions } from '../../../src/cloud';
import { installProvider } from '../../../src/cli/provider-package';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import {
  createTerraformWorkspace,
  type TerraformResult,
  type TerraformRunOptions,
  type TerraformWorkspace,
} from '../../helpers/terraform';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const PROVIDER_BUNDLE = path.join(ROOT, 'dist', 'terraform-provider-lightyear.js');

export interface LightyearWorkspace {
  readonly ws: TerraformWorkspace;
  readonly cloud: TestCloud;
  readonly client: LightyearClient;
  /** Environment a run gets: the cloud's endpoint and key, and the provider mirror's CLI config. */
  readonly env: Record<string, string>;
  tf(args: readonly string[], options?: TerraformRunOptions): Promise<TerraformResult>;
  /** Names of provider socket directories left in the workspace's TMPDIR. */
  leftoverSockets(): string[];
  dispose(): Promise<void>;
}

export const TERRAFORM_BLOCK = `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}

provider "lightyear" {}
`;

export async function createLightyearWorkspace(
  cloudOptions: LocalCloudOptions = {},
): Promise<LightyearWorkspace> {
  if (!fs.existsSync(PROVIDER_BUNDLE))
    throw new Error(`${PROVIDER_BUNDLE} is missing: run \`npm run build\` first`);
  const cloud = await startTestCloud(cloudOptions);
  const ws = createTerraformWorkspace();
  const installed = installProvider({
    dataDir: path.join(ws.root, 'lightyear'),
    mirrorDir: ws.mirrorDir,
    bundlePath: PROVIDER_BUNDLE,
  });
  const env = {
    LIGHTYEAR_ENDPOINT: cloud.url,
    LIGHTYEAR_API_KEY: cloud.apiKey,
    TF_CLI_CONFIG_FILE: installed.cliConfigPath,
  };
  const client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url, ca: cloud.tlsCertificate });
  return {
    ws,
    cloud,
    client,
    env,
    tf: (args, options = {}) => ws.terraform(args, { ...options, env: { ...env, ...options.env } }),
    leftoverSockets: () => fs.readdirSync(ws.tmpDir).filter((name) => name.startsWith('tfplugin')),
    dispose: async () => {
      await client.close();
      await cloud.close();
      ws.dispose();
    },
  };
}

/** The actions `terraform show -json` reports for each resource change of a saved plan. */
export async function planActions(
  lw: LightyearWorkspace,
  extraArgs: string[] = [],
): Promise<Record<string, string[]>> {
  const plan = await lw.tf(['plan', '-no-color', '-input=false', '-out=tfplan', ...extraArgs]);
  if (plan.code !== 0) throw new Error(`plan failed:\n${plan.stdout}\n${plan.stderr}`);
  const show = await lw.tf(['show', '-json', 'tfplan']);
  const json = JSON.parse(show.stdout) as {
    resource_changes?: { address: string; change: { actions: string[] } }[];
  };
  return Object.fromEntries((json.resource_changes ?? []).map((c) => [c.address, c.change.actions]));
}
