import { Testing, TerraformStack } from 'cdktf';
import { LightyearProvider, SshKey } from '../../constructs';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHqwc2JEQKce5G9CKx1TA5tyXdaBOyZbuANuoqrz3rDo test';

interface Synthesized {
  resource: { lightyear_ssh_key: Record<string, Record<string, unknown>> };
  terraform: { required_providers: Record<string, unknown> };
  provider: { lightyear: Record<string, unknown>[] };
}

function synth(build: (stack: TerraformStack) => void): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new LightyearProvider(stack, 'lightyear', { endpoint: 'http://127.0.0.1:1/v1' });
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

describe('SshKey construct', () => {
  it('synthesizes a lightyear_ssh_key with the public key trimmed', () => {
    const out = synth((s) => new SshKey(s, 'key', { name: 'deploy', publicKey: `${KEY}\n` }));
    const resources = Object.values(out.resource.lightyear_ssh_key);
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({ name: 'deploy', public_key: KEY });
    expect(out.terraform.required_providers.lightyear).toEqual({
      source: 'lightyear/lightyear',
      version: '0.1.0',
    });
    expect(out.provider.lightyear[0]).toEqual({ endpoint: 'http://127.0.0.1:1/v1' });
  });

  it('refuses bad props at synth with a message naming the construct', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    new SshKey(stack, 'key', { name: ' padded ', publicKey: 'not a key' });
    const errors = stack.node.findAll().flatMap((c) => c.node.validate());
    expect(errors).toEqual([
      'SshKey test/key: name must not start or end with white space',
      expect.stringContaining('SshKey test/key: publicKey must start with ssh-ed25519'),
    ]);
  });

  it('leaves tokens to Terraform', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    const first = new SshKey(stack, 'a', { name: 'a', publicKey: KEY });
    new SshKey(stack, 'b', { name: first.name, publicKey: KEY });
    expect(stack.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });
});
