import {
  addressKind,
  targetAddressProblem,
  webhookUrlProblem,
  type WebhookTargetPolicy,
} from '../../../src/cloud/webhooks/target-policy';

const DEFAULT: WebhookTargetPolicy = {
  allowPrivateTargets: false,
  listener: { host: '127.0.0.1', port: 8787 },
};

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link_local'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['fe80::1', 'link_local'],
    ['febf::1', 'link_local'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::a9fe:a9fe', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'translation'],
    ['2002:a9fe:a9fe::1', 'translation'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe('targetAddressProblem', () => {
  it('allows loopback and public addresses, except the listener itself', () => {
    expect(targetAddressProblem('127.0.0.1', 3000, DEFAULT)).toBeUndefined();
    expect(targetAddressProblem('::1', 3000, DEFAULT)).toBeUndefined();
    expect(targetAddressProblem('8.8.8.8', 8787, DEFAULT)).toBeUndefined();
    expect(targetAddressProblem('127.0.0.2', 8787, DEFAULT)).toMatch(/own listener/);
    expect(targetAddressProblem('::1', 8787, DEFAULT)).toMatch(/own listener/);
  });

  it('allows private ranges only with the option, and link-local never', () => {
    expect(targetAddressProblem('192.168.1.10', 443, DEFAULT)).toMatch(/private address/);
    const lan = { ...DEFAULT, allowPrivateTargets: true };
    expect(targetAddressProblem('192.168.1.10', 443, lan)).toBeUndefined();
    expect(targetAddressProblem('169.254.169.254', 80, lan)).toMatch(/link-local/);
    expect(targetAddressProblem('fd00:ec2::254', 80, lan)).toMatch(/metadata/);
  });
});

describe('webhookUrlProblem', () => {
  it('checks the address WHATWG parsing makes of numeric host spellings', () => {
    for (const host of ['0xa9fea9fe', '2852039166', '0251.0376.0251.0376', '169.254.43518']) {
      expect(webhookUrlProblem(`https://${host}/`, DEFAULT)).toMatch(
        /^must not target 169\.254\.169\.254, which is a link-local/,
      );
    }
  });

  it('leaves names to the delivery-time check, except localhost', () => {
    expect(webhookUrlProblem('https://hooks.example.com/', DEFAULT)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:8787/', DEFAULT)).toMatch(/own listener/);
  });
});
