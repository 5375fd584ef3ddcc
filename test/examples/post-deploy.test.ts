/**
 * The post-deploy example synthesized and checked (it cannot be applied here: hashicorp/null comes from the
 * public registry): the null provider is configured, the step's triggers are the servers' addresses, its
 * provisioner uses them, and it runs after the servers.
 */
import { Testing } from 'cdktf';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { PostDeployStack } from '../../examples/post-deploy/main';
import '../constructs/cdktf-matchers';

describe('examples/post-deploy', () => {
  const stack = new PostDeployStack(Testing.app(), 'post-deploy');
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized) as {
    terraform: { required_providers: Record<string, { source: string }> };
    resource: { null_resource: Record<string, Record<string, unknown>> };
  };

  it('requires and configures both providers', () => {
    // `null` is short for registry.terraform.io/hashicorp/null.
    expect(json.terraform.required_providers.null?.source).toMatch(/^(hashicorp\/)?null$/);
    expect(json.terraform.required_providers.lightyear?.source).toBe('lightyear/lightyear');
  });

  it('triggers the step on the servers addresses, after the servers, with a provisioner that uses them', () => {
    expect(synthesized).toHaveResourceWithProperties(NullResource, {
      triggers: {
        server_1_ipv4: expect.stringMatching(/^\$\{lightyear_instance\.app-1_[0-9A-F]+\.ipv4\}$/),
        server_2_ipv4: expect.stringMatching(/^\$\{lightyear_instance\.app-2_[0-9A-F]+\.ipv4\}$/),
      },
    });
    const step = Object.values(json.resource.null_resource)[0]!;
    expect(step.depends_on).toEqual([
      expect.stringMatching(/^lightyear_instance\.app-1_/),
      expect.stringMatching(/^lightyear_instance\.app-2_/),
    ]);
    expect(JSON.stringify(step.provisioner)).toContain('${self.triggers.server_1_ipv4}');
  });

  it('passes the constructs validation', () => {
    expect(stack.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });
});
