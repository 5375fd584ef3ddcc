/**
 * The package as a user gets it: `npm pack` output installed into a fresh project outside the clone, with no
 * build step there. `npx lyctl` is this package's bin; the local cloud starts with `npx lyctl local start`; a
 * plain Terraform configuration and a CDKTF app importing `lightyear-iac/constructs` (run by tsx, which leaves
 * node_modules alone) both deploy against it through the provider shipped prebuilt, and then plan empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createProjectEnvironment, packPackage, runScript, type ProjectEnvironment } from './packed-project';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

// npm pack (a build) and npm install from the tarball, then terraform twice: minutes on a busy machine.
jest.setTimeout(1_500_000);

const TERRAFORM_CONFIG = `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}

provider "lightyear" {}

resource "lightyear_ssh_key" "plain" {
  name       = "plain"
  public_key = "${generateSshPublicKey('ed25519', { comment: 'plain' }).line}"
}
`;

const CDKTF_APP = `import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { LightyearProvider, SshKey, tf } from 'lightyear-iac/constructs';

class Stack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LightyearProvider(this, 'lightyear');
    const key = new SshKey(this, 'key', { name: 'cdktf', publicKey: ${JSON.stringify(
      generateSshPublicKey('ed25519', { comment: 'cdktf' }).line,
    )} });
    if (!(key.resource instanceof tf.SshKey)) throw new Error('the generated bindings are not the ones in use');
  }
}

const app = new App({ outdir: 'cdktf.out' });
new Stack(app, 'app');
app.synth();
`;

let project: ProjectEnvironment;

beforeAll(async () => {
  project = await createProjectEnvironment('lightyear-installed-');
});

afterAll(() => {
  project.dispose();
});

describe('lightyear-iac installed from its npm pack tarball', () => {
  it('runs lyctl, the provider and the constructs in a project outside the clone', async () => {
    const tarball = packPackage(path.join(project.root, 'packages'), project.env);
    const { projectDir, port } = project;
    fs.mkdirSync(path.join(projectDir, 'terraform'));
    fs.writeFileSync(path.join(projectDir, 'terraform', 'main.tf'), TERRAFORM_CONFIG);
    fs.mkdirSync(path.join(projectDir, 'app'));
    fs.writeFileSync(path.join(projectDir, 'app', 'main.ts'), CDKTF_APP);

    const install = await runScript(`npm install '${tarball}'`, projectDir, project.env, 1_200_000);
    expect(install).toMatchObject({ code: 0 });
    // Nothing is built in the project: what runs is what the tarball shipped.
    const installed = path.join(projectDir, 'node_modules', 'lightyear-iac');
    for (const file of [
      'dist/lyctl.js',
      'dist/terraform-provider-lightyear.js',
      'dist/lib/constructs/index.d.ts',
    ]) {
      expect(fs.existsSync(path.join(installed, file))).toBe(true);
    }
    expect(fs.realpathSync(path.join(projectDir, 'node_modules', '.bin', 'lyctl'))).toBe(
      path.join(installed, 'bin', 'lyctl'),
    );

    const script = [
      `npx lyctl local start --port ${port}`,
      'eval "$(npx lyctl local env)"',
      'npx lyctl provider install',
      'cd terraform',
      'npx lyctl provider lock',
      'terraform init -input=false -no-color',
      'terraform apply -input=false -no-color -auto-approve',
      'terraform plan -input=false -no-color -detailed-exitcode',
      'cd ../app',
      'npx tsx main.ts',
      'cd cdktf.out/stacks/app',
      'npx lyctl provider lock',
      'terraform init -input=false -no-color',
      'terraform apply -input=false -no-color -auto-approve',
      'terraform plan -input=false -no-color -detailed-exitcode',
      'cd ../../../..',
      'npx lyctl local stop',
    ].join('\n');
    const result = await runScript(script, projectDir, project.env, 900_000);
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.code !== 0) throw new Error(`exit code ${result.code}:\n${output.slice(-6000)}`);

    expect(result.stdout).toContain(`Endpoint: http://127.0.0.1:${port}/v1`);
    // The mirror and the CLI config are the project's own.
    expect(result.stdout).toContain(
      `TF_CLI_CONFIG_FILE=${path.join(projectDir, '.lightyear', 'terraform.rc')}`,
    );
    expect(output.match(/Apply complete! Resources: 1 added/g)).toHaveLength(2);
    expect(output.match(/No changes\. Your infrastructure matches the configuration/g)).toHaveLength(2);
    expect(output).not.toContain('Incomplete lock file information');
    expect(fs.existsSync(path.join(projectDir, '.lightyear', 'cloud.json'))).toBe(false);
  });
});
