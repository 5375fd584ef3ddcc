/**
 * The quickstart stack: a small production setup on LightYear Cloud in a screenful of TypeScript — an SSH
 * key, a firewall that admits SSH and the web, two servers behind it (the cheapest plan with 1 GB of RAM, the
 * newest Debian), a data volume attached to the first, and a DNS zone with records for both.
 *
 * `npm run quickstart` starts the local cloud, installs the provider and deploys this with `cdktf deploy`
 * (the provider reads LIGHTYEAR_ENDPOINT and LIGHTYEAR_API_KEY from the environment);
 * `npm run quickstart:destroy` takes it all down again.
 */
import path from 'node:path';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
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
  Volume,
} from '../../constructs';
import { quickstartPublicKey } from './key-pair';

const REGION = 'ams';

class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string, dir: string, publicKey: string) {
    super(scope, id);
    // State beside the local cloud's data: both describe the same world, and both go with `rm -rf .lightyear`.
    new LocalBackend(this, { path: path.join(dir, 'terraform.tfstate') });
    new LightyearProvider(this, 'lightyear', { defaultTags: ['managed-by:quickstart'] });

    const key = new SshKey(this, 'deploy-key', { name: 'quickstart', publicKey });
    const web = new Firewall(this, 'web-firewall', { name: 'quickstart-web' })
      .allowInbound(Port.tcp(22), Peer.anyIp())
      .allowInbound(Port.tcp(80), Peer.anyIp())
      .allowInbound(Port.tcp(443), Peer.anyIp())
      .allowInbound(Port.icmp(), Peer.anyIp());

    const plan = new CheapestPlan(this, 'plan', { region: REGION, minRamMb: 1024 });
    const image = new NewestImage(this, 'image', { family: 'debian' });
    const labels = ['web-1', 'web-2'];
    const servers = labels.map(
      (label) =>
        new Server(this, label, {
          label,
          region: REGION,
          plan,
          image,
          sshKeys: [key],
          firewall: web,
          enableIpv6: true,
          userData: '#cloud-config\npackages: [nginx]\n',
        }),
    );

    const data = new Volume(this, 'data', { label: 'quickstart-data', region: REGION, sizeGb: 20 });
    data.attachTo(servers[0]!);

    const zone = new DnsZone(this, 'zone', { domain: 'quickstart.example' });
    zone.addServer('@', servers[0]!);
    servers.forEach((server, i) => {
      const label = labels[i]!;
      zone.addServer(label, server);
      const name = label.replace('-', '_');
      new TerraformOutput(this, `${name}_ipv4`, { value: server.ipv4 });
      new TerraformOutput(this, `${name}_ipv6`, { value: server.ipv6 });
    });
    new TerraformOutput(this, 'ssh_key_fingerprint', { value: key.fingerprint });
    new TerraformOutput(this, 'volume_id', { value: data.volumeId });
  }
}

const keyDir = path.resolve(process.env.LIGHTYEAR_HOME ?? '.lightyear', 'quickstart');
const app = new App();
new QuickstartStack(app, 'quickstart', keyDir, quickstartPublicKey(keyDir).publicKey);
app.synth();
