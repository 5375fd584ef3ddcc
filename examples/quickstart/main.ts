/**
 * The quickstart stack: registers an SSH key with LightYear Cloud and outputs its id and fingerprint.
 * `npm run quickstart` starts the local cloud, installs the provider and deploys this with `cdktf deploy`;
 * the provider reads LIGHTYEAR_ENDPOINT and LIGHTYEAR_API_KEY from the environment.
 */
import path from 'node:path';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { LightyearProvider, SshKey } from '../../constructs';
import { quickstartPublicKey } from './key-pair';

class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string, dir: string, publicKey: string) {
    super(scope, id);
    // State beside the local cloud's data: both describe the same world, and both go with `rm -rf .lightyear`.
    new LocalBackend(this, { path: path.join(dir, 'terraform.tfstate') });
    new LightyearProvider(this, 'lightyear');
    const key = new SshKey(this, 'deploy-key', { name: 'quickstart', publicKey });
    new TerraformOutput(this, 'ssh_key_id', { value: key.sshKeyId });
    new TerraformOutput(this, 'ssh_key_fingerprint', { value: key.fingerprint });
  }
}

const keyDir = path.resolve(process.env.LIGHTYEAR_HOME ?? '.lightyear', 'quickstart');
const app = new App();
new QuickstartStack(app, 'quickstart', keyDir, quickstartPublicKey(keyDir).publicKey);
app.synth();
