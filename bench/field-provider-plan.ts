/**
 * For scale: how a Go provider from the field does on the same 200-resource plan (create) that
 * bench/provider-plan.ts measures ours on. The only one these machines hold is hashicorp/aws, in a
 * filesystem mirror (default /opt/tf-plugins); no other can be downloaded here. Its configure-time API
 * checks are all skipped, so the plan makes no network call: what is measured is Terraform driving the
 * provider, as for ours. Interleaved with 200 `terraform_data`, the same floor.
 *
 *   node --import tsx bench/field-provider-plan.ts [repeats, default 5] [mirror, default /opt/tf-plugins]
 *
 * Prints why and exits if the mirror holds no hashicorp/aws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTerraformWorkspace, type TerraformWorkspace } from '../test/helpers/terraform';
import { percentile, printLoadAverage, printTable } from './stats';

const COUNT = 200;

const AWS_CONFIG = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "not-a-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
resource "aws_ssm_parameter" "p" {
  count = ${COUNT}
  name  = "p\${count.index}"
  type  = "String"
  value = "v"
}
`;

const FLOOR_CONFIG = `resource "terraform_data" "k" {
  count = ${COUNT}
  input = "bench-\${count.index}"
}
`;

async function plan(ws: TerraformWorkspace, env: Record<string, string>): Promise<number> {
  const run = await ws.terraform(['plan', '-input=false', '-no-color'], { env, timeoutMs: 300_000 });
  if (run.code !== 0) throw new Error(`terraform plan failed:\n${run.stderr}`);
  return run.durationMs;
}

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 5);
  const mirror = process.argv[3] ?? '/opt/tf-plugins';
  const awsDir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  if (!fs.existsSync(awsDir)) {
    console.log(`no hashicorp/aws in ${mirror}: nothing to compare with`);
    return;
  }
  const version = fs.readdirSync(awsDir)[0];
  const aws = createTerraformWorkspace();
  const floor = createTerraformWorkspace();
  try {
    const cliConfig = path.join(aws.root, 'aws.tfrc');
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
    );
    const awsEnv = { TF_CLI_CONFIG_FILE: cliConfig };
    aws.writeFiles({ 'main.tf': AWS_CONFIG });
    floor.writeFiles({ 'main.tf': FLOOR_CONFIG });
    const init = await aws.terraform(['init', '-input=false', '-no-color'], {
      env: awsEnv,
      timeoutMs: 300_000,
    });
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
    await floor.terraform(['init', '-input=false', '-no-color']);
    await plan(aws, awsEnv); // the first start reads the 700 MB binary from disk into the page cache
    const floorRuns: number[] = [];
    const awsRuns: number[] = [];
    for (let r = 0; r < repeats; r++) {
      floorRuns.push(await plan(floor, {}));
      awsRuns.push(await plan(aws, awsEnv));
    }
    const floorMedian = percentile(floorRuns, 50);
    const awsMedian = percentile(awsRuns, 50);
    printTable(
      ['resources', 'command', 'runs', 'median ms', '× terraform_data'],
      [
        [`terraform_data ×${COUNT}`, 'plan (create)', repeats, floorMedian.toFixed(0), '1.00'],
        [
          `aws_ssm_parameter ×${COUNT} (hashicorp/aws ${version ?? '?'}, Go)`,
          'plan (create)',
          repeats,
          awsMedian.toFixed(0),
          (awsMedian / floorMedian).toFixed(2),
        ],
      ],
    );
    printLoadAverage();
  } finally {
    aws.dispose();
    floor.dispose();
  }
}

void main();
