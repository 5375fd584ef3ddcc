/**
 * A post-deploy step with `@cdktf/provider-null`: once the servers exist, a `null_resource` runs a command
 * with their addresses (here it waits for SSH and records the addresses in a file; in a real pipeline, a
 * smoke test or a configuration-management run). Its `triggers` are the addresses, so the step runs again
 * exactly when a server is replaced and its address changes — not on every deploy.
 *
 * hashicorp/null comes from the public Terraform registry, which these machines cannot reach: this example is
 * synthesized and its JSON checked by the tests (test/examples/post-deploy.test.ts), not applied. See README.md.
 */
import { App, TerraformStack } from 'cdktf';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import type { Construct } from 'constructs';
import { Firewall, LightyearProvider, Peer, Port, Server } from '../../constructs';

export class PostDeployStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LightyearProvider(this, 'lightyear');
    new NullProvider(this, 'null');
    const firewall = new Firewall(this, 'ssh', { name: 'post-deploy' }).allowInbound(
      Port.tcp(22),
      Peer.anyIp(),
    );
    const servers = ['app-1', 'app-2'].map(
      (label) =>
        new Server(this, label, { label, region: 'fra', plan: 'vc2-1c-1gb', image: 'debian-12', firewall }),
    );
    const step = new NullResource(this, 'smoke-test', {
      triggers: Object.fromEntries(servers.map((server, i) => [`server_${i + 1}_ipv4`, server.ipv4])),
      dependsOn: servers.map((server) => server.resource),
    });
    step.addOverride('provisioner', [
      {
        'local-exec': {
          command: servers
            .map(
              (_, i) => `echo "server ${i + 1} is at \${self.triggers.server_${i + 1}_ipv4}" >> deployed.txt`,
            )
            .join(' && '),
        },
      },
    ]);
  }
}

// Run as the app (`cdktf synth`), not when imported by a test.
if (require.main === module) {
  const app = new App();
  new PostDeployStack(app, 'post-deploy');
  app.synth();
}
