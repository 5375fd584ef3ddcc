import { Testing, TerraformStack } from 'cdktf';
import { LightyearProvider, SshKey, tf } from '../../constructs';
import './cdktf-matchers';

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

  it('refuses bad props at synth with the rules of the API, naming the construct and the prop', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    new SshKey(stack, 'key', { name: '', publicKey: 'not a key' });
    const errors = stack.node.findAll().flatMap((c) => c.node.validate());
    expect(errors).toEqual([
      expect.stringMatching(/^SshKey test\/key: name must /),
      expect.stringMatching(/^SshKey test\/key: publicKey /),
    ]);
  });

  it('refuses a pasted private key and names the .pub file instead', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    const privateKey = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n');
    new SshKey(stack, 'key', { name: 'laptop', publicKey: privateKey });
    const errors = stack.node.findAll().flatMap((c) => c.node.validate());
    expect(errors).toEqual([expect.stringMatching(/^SshKey test\/key: publicKey .*private key.*\.pub/s)]);
  });

  it('accepts what the API accepts: a padded name and a .pub file with its newline, both trimmed', () => {
    const out = synth((s) => new SshKey(s, 'key', { name: ' padded ', publicKey: `${KEY}\n` }));
    expect(Object.values(out.resource.lightyear_ssh_key)[0]).toMatchObject({
      name: 'padded',
      public_key: KEY,
    });
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    new SshKey(stack, 'key', { name: ' padded ', publicKey: `${KEY}\n` });
    expect(stack.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });

  it('is a lightyear_ssh_key to cdktf matchers too', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    new SshKey(stack, 'key', { name: 'deploy', publicKey: KEY });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(tf.SshKey, { name: 'deploy', public_key: KEY });
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

describe('the generated bindings under tf', () => {
  it('offers each class flat and in the namespace cdktf get gives it', () => {
    expect(tf.SshKey).toBe(tf.sshKey.SshKey);
    expect(tf.LightyearProvider).toBe(tf.provider.LightyearProvider);
    expect(LightyearProvider).toBe(tf.LightyearProvider);
  });

  it('adopts an existing key with importFrom and renames with moveTo, as Terraform import and moved blocks', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new LightyearProvider(stack, 'lightyear');
    const adopted = new tf.SshKey(stack, 'adopted', { name: 'laptop', publicKey: KEY });
    adopted.importFrom('sshk_0123456789abcdef');
    const old = new tf.SshKey(stack, 'old', { name: 'old', publicKey: KEY });
    new tf.SshKey(stack, 'renamed', { name: 'old', publicKey: KEY }).addMoveTarget('renamed');
    old.moveTo('renamed');
    const out = JSON.parse(Testing.synth(stack)) as {
      import: { id: string; to: string }[];
      moved: { from: string; to: string }[];
    };
    expect(out.import).toEqual([{ id: 'sshk_0123456789abcdef', to: 'lightyear_ssh_key.adopted' }]);
    expect(out.moved).toEqual([{ from: 'lightyear_ssh_key.old', to: 'lightyear_ssh_key.renamed' }]);
  });

  it('lets an optional provider argument be set and reset', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    const provider = new LightyearProvider(stack, 'lightyear', { endpoint: 'http://127.0.0.1:1/v1' });
    provider.caCertFile = '/etc/ssl/local-cloud.pem';
    provider.resetEndpoint();
    const out = JSON.parse(Testing.synth(stack)) as { provider: { lightyear: Record<string, unknown>[] } };
    expect(out.provider.lightyear).toEqual([{ ca_cert_file: '/etc/ssl/local-cloud.pem' }]);
  });
});
