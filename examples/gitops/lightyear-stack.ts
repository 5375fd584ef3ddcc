import fs from 'node:fs';
import path from 'node:path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  CheapestPlan,
  DnsZone,
  Firewall,
  LightyearProvider,
  NewestImage,
  Peer,
  Port,
  Server,
  SshKey,
} from '../../constructs';
import type { EnvironmentConfig } from './environments';
import { PgStateBackend } from './state-backend';

const KEY_DIR = path.join(__dirname, 'keys');

/**
 * One environment of the application: the same class for dev and prod, built from an `EnvironmentConfig`.
 * Each part of the environment is one method: the keys, the firewall, the servers (fed by both), and the DNS
 * zone pointing at the servers.
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
    const firewall = this.addFirewall(config);
    const servers = this.addServers(config, firewall);
    this.addDns(config, servers);
  }

  private addFirewall(config: EnvironmentConfig): Firewall {
    return new Firewall(this, 'firewall', { name: `${config.name}-app` })
      .allowInbound(Port.tcp(22), Peer.anyIp())
      .allowInbound(Port.tcp(443), Peer.anyIp());
  }

  private addServers(config: EnvironmentConfig, firewall: Firewall): Server[] {
    const plan = new CheapestPlan(this, 'plan', { region: config.region, minRamMb: config.servers.minRamMb });
    const image = new NewestImage(this, 'image', { family: 'debian' });
    return Array.from({ length: config.servers.count }, (_, i) => {
      const label = `${config.name}-app-${i + 1}`;
      const server = new Server(this, `app-${i + 1}`, {
        label,
        region: config.region,
        plan,
        image,
        sshKeys: [...this.sshKeys.values()],
        firewall,
        tags: [`env:${config.name}`],
      });
      new TerraformOutput(this, `app_${i + 1}_ipv4`, { value: server.ipv4 });
      return server;
    });
  }

  private addDns(config: EnvironmentConfig, servers: readonly Server[]): void {
    const zone = new DnsZone(this, 'zone', { domain: config.domain });
    servers.forEach((server, i) => zone.addServer(`app-${i + 1}`, server));
    if (servers[0] !== undefined) zone.addServer('@', servers[0]);
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
