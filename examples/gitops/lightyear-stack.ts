import fs from 'node:fs';
import path from 'node:path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { LightyearProvider, SshKey } from '../../constructs';
import type { EnvironmentConfig } from './environments';
import { PgStateBackend } from './state-backend';

const KEY_DIR = path.join(__dirname, 'keys');

/**
 * One environment of the application: the same class for dev and prod, built from an `EnvironmentConfig`.
 * Each part of the environment is one method, so the servers, firewall and DNS constructs slot in as
 * further methods fed by the keys (see README.md, "Adding servers, a firewall and DNS").
 */
export class LightyearStack extends TerraformStack {
  /** The registered SSH keys by their config name, for servers to install. */
  public readonly sshKeys: ReadonlyMap<string, SshKey>;

  public constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    new PgStateBackend(this, { schemaName: config.stateSchema });
    // Endpoint and API key come from LIGHTYEAR_ENDPOINT and LIGHTYEAR_API_KEY at plan and apply time,
    // never from the synthesized JSON: CI sets them from the environment's secrets.
    new LightyearProvider(this, 'lightyear');
    this.sshKeys = this.addSshKeys(config);
  }

  private addSshKeys(config: EnvironmentConfig): ReadonlyMap<string, SshKey> {
    const keys = new Map<string, SshKey>();
    for (const key of config.sshKeys) {
      const publicKey = fs.readFileSync(path.join(KEY_DIR, key.publicKeyFile), 'utf8');
      const sshKey = new SshKey(this, `ssh-key-${key.name}`, {
        name: `${config.name}-${key.name}`,
        publicKey,
      });
      keys.set(key.name, sshKey);
      new TerraformOutput(this, `ssh_key_${key.name.replace(/-/g, '_')}_id`, { value: sshKey.sshKeyId });
    }
    return keys;
  }
}
