import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { LightyearProvider, Peer, ScopedApiKey, tf, Webhook } from '../../constructs';
import './cdktf-matchers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new LightyearProvider(s, 'lightyear');
  return s;
}

const errors = (s: TerraformStack) => s.node.findAll().flatMap((c) => c.node.validate());

describe('ScopedApiKey', () => {
  it('synthesizes a lightyear_api_key with its scopes, expiry and allowed networks', () => {
    const s = stack();
    const key = new ScopedApiKey(s, 'ci', {
      name: 'ci',
      permissions: ['instances:read', 'dns:write'],
      expiresAt: '2027-01-31T00:00:00Z',
      allowedFrom: Peer.ipv4('203.0.113.0/24'),
    });
    expect(Testing.synth(s)).toHaveResourceWithProperties(tf.ApiKey, {
      name: 'ci',
      permissions: ['instances:read', 'dns:write'],
      expires_at: '2027-01-31T00:00:00Z',
      allowed_ips: ['203.0.113.0/24'],
    });
    expect(key.secret).toMatch(/TfToken/);
    expect(errors(s)).toEqual([]);
  });

  it('accepts spellings the API takes: upper-case scopes, an offset timestamp', () => {
    const s = stack();
    new ScopedApiKey(s, 'ci', {
      name: 'ci',
      permissions: ['Instances:Read'],
      expiresAt: '2027-01-31T01:00:00+01:00',
    });
    expect(errors(s)).toEqual([]);
  });

  it('refuses unknown scopes, no scopes and an impossible date, naming the construct and the prop', () => {
    const s = stack();
    new ScopedApiKey(s, 'a', { name: 'a', permissions: ['instances:destroy'] });
    new ScopedApiKey(s, 'b', { name: 'b', permissions: [], expiresAt: '2027-02-30T00:00:00Z' });
    expect(errors(s)).toEqual([
      expect.stringMatching(
        /^ScopedApiKey test\/a: permissions has "instances:destroy", which is not a permission; use .*instances:read/,
      ),
      'ScopedApiKey test/b: permissions must name at least one permission',
      expect.stringMatching(/^ScopedApiKey test\/b: expiresAt /),
    ]);
  });
});

describe('Webhook', () => {
  it('synthesizes a lightyear_webhook and exposes its secret', () => {
    const s = stack();
    const hook = new Webhook(s, 'hook', {
      url: 'https://ci.example.com/lightyear',
      events: ['instance.created', 'instance.destroyed'],
      description: 'CI',
      active: false,
    });
    expect(Testing.synth(s)).toHaveResourceWithProperties(tf.Webhook, {
      active: false,
      url: 'https://ci.example.com/lightyear',
      events: ['instance.created', 'instance.destroyed'],
      description: 'CI',
    });
    expect(hook.secret).toMatch(/TfToken/);
    expect(errors(s)).toEqual([]);
  });

  it('refuses an unknown event with the list of known ones, and a plain-http remote url', () => {
    const s = stack();
    new Webhook(s, 'hook', { url: 'http://ci.example.com/hook', events: ['instance.create'] });
    expect(errors(s)).toEqual([
      expect.stringMatching(/^Webhook test\/hook: url /),
      expect.stringMatching(
        /^Webhook test\/hook: events has "instance.create", which is not an event; use instance.created, /,
      ),
    ]);
  });

  it('leaves tokens to Terraform', () => {
    const s = stack();
    const url = new TerraformVariable(s, 'url', { type: 'string' }).stringValue;
    new Webhook(s, 'hook', { url, events: ['instance.created'] });
    expect(errors(s)).toEqual([]);
  });
});
