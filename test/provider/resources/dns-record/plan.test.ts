/**
 * lightyear_dns_record's plans through the framework server in-process: the spellings users write plan as no
 * change, defaults and checks land where they should, and fqdn is known whenever it can be.
 */
import { dnsRecordResource } from '../../../../src/provider/resources/dns-record/resource';
import { UNKNOWN, type ObjectValue } from '../../../../src/provider/protocol/values';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';

const config = (over: Record<string, unknown> = {}): ObjectValue =>
  ({
    id: null,
    domain: 'example.com',
    type: 'A',
    name: 'www',
    data: '203.0.113.10',
    ttl: null,
    priority: null,
    fqdn: null,
    created_at: null,
    ...over,
  }) as ObjectValue;

/** State as an apply leaves it: the API's spelling, fqdn and created_at filled. */
const state = (over: Record<string, unknown> = {}): ObjectValue =>
  ({
    id: 'rec_1',
    domain: 'example.com',
    type: 'A',
    name: 'www',
    data: '203.0.113.10',
    ttl: 300,
    priority: null,
    fqdn: over['name'] === '' || over['name'] === '@' ? 'example.com' : 'www.example.com',
    created_at: '2026-01-01T00:00:00Z',
    ...over,
  }) as ObjectValue;

let h: FrameworkHarness;
beforeAll(async () => {
  h = await frameworkHarness(dnsRecordResource, undefined);
});

describe('creating', () => {
  it('defaults ttl to 300 and the name to the apex, and knows fqdn at plan time', async () => {
    const plan = await h.plan(null, config({ name: null }));
    expect(errorsOf(plan.diagnostics)).toEqual([]);
    expect(plan.planned).toMatchObject({ ttl: 300, name: '', fqdn: 'example.com', id: UNKNOWN });
  });

  it.each([
    ['www', 'Example.COM.', 'www.example.com'],
    ['WWW', 'example.com', 'www.example.com'],
    ['@', 'example.com', 'example.com'],
    ['www.example.com.', 'example.com', 'www.example.com'],
    ['example.com.', 'example.com', 'example.com'],
  ])('name %j in %j has the fqdn %j', async (name, domain, fqdn) => {
    const plan = await h.plan(null, config({ name, domain }));
    expect(plan.planned).toMatchObject({ name, domain, fqdn });
  });

  it('leaves fqdn unknown when the name is', async () => {
    const plan = await h.plan(null, config({ name: UNKNOWN }));
    expect(plan.planned).toMatchObject({ fqdn: UNKNOWN });
  });
});

describe('spellings plan as no change after apply or import', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['"@" for the apex', { name: '@' }, { name: '' }],
    ['"" for the apex written "@"', { name: '' }, { name: '@' }],
    ['an absolute apex', { name: 'Example.com.' }, { name: '' }],
    ['an upper-case name', { name: 'WWW' }, { name: 'www' }],
    ['an absolute name', { name: 'www.example.com.' }, { name: 'www' }],
    ['an upper-case domain with a dot', { domain: 'Example.COM.' }, {}],
    ['a lower-case type', { type: 'a' }, {}],
    [
      'long-hand IPv6',
      { type: 'AAAA', data: '2001:0DB8:0000:0000:0000:0000:0000:0001' },
      { type: 'AAAA', data: '2001:db8::1' },
    ],
    [
      'a CNAME target in capitals with a dot',
      { type: 'CNAME', data: 'Target.Example.NET.' },
      { type: 'CNAME', data: 'target.example.net' },
    ],
    [
      'an MX host with a dot',
      { type: 'mx', data: 'Mail.Example.com.', priority: 10 },
      { type: 'MX', data: 'mail.example.com', priority: 10 },
    ],
    [
      'an SRV target with a dot',
      { type: 'SRV', data: '5 5060 SIP.example.com.', priority: 10 },
      { type: 'SRV', data: '5 5060 sip.example.com', priority: 10 },
    ],
    [
      'quoted TXT data',
      { type: 'TXT', data: '"v=spf1 include:_spf.example.com ~all"' },
      { type: 'TXT', data: 'v=spf1 include:_spf.example.com ~all' },
    ],
    [
      'TXT split into quoted strings',
      { type: 'TXT', data: '"v=DKIM1; k=rsa; " "p=MIIB"' },
      { type: 'TXT', data: 'v=DKIM1; k=rsa; p=MIIB' },
    ],
    ['ttl 300 written out', { ttl: 300 }, {}],
  ])('%s', async (_what, configured, inState) => {
    const prior = state(inState);
    const plan = await h.plan(prior, config(configured));
    expect(errorsOf(plan.diagnostics)).toEqual([]);
    expect(plan.planned).toEqual(prior);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('still sees a real change in TXT case, which host-name rules would have hidden', async () => {
    const prior = state({ type: 'TXT', data: 'Hello.example' });
    const plan = await h.plan(prior, config({ type: 'TXT', data: 'hello.example' }));
    expect(plan.planned).toMatchObject({ data: 'hello.example' });
    expect(plan.requiresReplace).toEqual([]);
  });
});

describe('changes', () => {
  it('updates name, data, ttl and priority in place, with the new fqdn known', async () => {
    const plan = await h.plan(state(), config({ name: 'api', data: '203.0.113.11', ttl: 600 }));
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toMatchObject({
      name: 'api',
      data: '203.0.113.11',
      ttl: 600,
      fqdn: 'api.example.com',
    });
    expect(plan.planned).toMatchObject({ id: 'rec_1', created_at: '2026-01-01T00:00:00Z' });
  });

  it('replaces the record for a new type or domain, not for a new spelling of either', async () => {
    expect((await h.plan(state(), config({ type: 'AAAA', data: '2001:db8::1' }))).requiresReplace).toEqual([
      ['type'],
    ]);
    expect((await h.plan(state(), config({ domain: 'example.net' }))).requiresReplace).toEqual([['domain']]);
    expect((await h.plan(state(), config({ domain: 'EXAMPLE.com', type: 'a' }))).requiresReplace).toEqual([]);
  });
});

describe('checks before anything is sent, each on its attribute', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['IPv6 in an A record', { data: '2001:db8::1' }, 'data', 'Invalid data'],
    ['IPv4 in an AAAA record', { type: 'AAAA', data: '203.0.113.1' }, 'data', 'Invalid data'],
    ['a host name that is not one', { type: 'CNAME', data: 'not a host' }, 'data', 'Invalid data'],
    ['MX without a priority', { type: 'MX', data: 'mail.example.com' }, 'priority', 'Invalid priority'],
    [
      'SRV without a priority',
      { type: 'SRV', data: '5 5060 sip.example.com' },
      'priority',
      'Invalid priority',
    ],
    ['a priority on an A record', { priority: 10 }, 'priority', 'Invalid priority'],
    ['ttl below 60', { ttl: 59 }, 'ttl', 'Invalid ttl'],
    ['ttl above 86400', { ttl: 86401 }, 'ttl', 'Invalid ttl'],
    ['an unknown type', { type: 'PTR' }, 'type', 'Invalid type'],
    ['a name outside the domain', { name: 'www.example.net.' }, 'name', 'Invalid name'],
    ['a fully qualified name without the dot', { name: 'www.example.com' }, 'name', 'Invalid name'],
    ['a domain that is not one', { domain: 'localhost' }, 'domain', 'Invalid domain'],
  ])('%s', async (_what, over, attribute, summary) => {
    const diagnostics = await h.validate(config(over));
    expect(errorsOf(diagnostics)).toEqual([{ summary, path: [attribute] }]);
  });

  it('says why, in the API’s words', async () => {
    const [ipv6] = await h.validate(config({ data: '2001:db8::1' }));
    expect(ipv6?.detail).toMatch(/^data of a A record must/);
    const [mx] = await h.validate(config({ type: 'MX', data: 'mail.example.com' }));
    expect(mx?.detail).toBe('priority is required for MX records');
  });

  it('judges data only once it and the type are known', async () => {
    expect(errorsOf(await h.validate(config({ data: UNKNOWN })))).toEqual([]);
    expect(errorsOf(await h.validate(config({ type: UNKNOWN, data: 'anything' })))).toEqual([]);
    expect(
      errorsOf(await h.validate(config({ type: 'MX', data: 'mail.example.com', priority: UNKNOWN }))),
    ).toEqual([]);
  });
});

describe('import', () => {
  it('takes <domain>/<record id>', async () => {
    const imported = await h.importState('example.com/rec_2bX9');
    expect(imported.state).toMatchObject({ domain: 'example.com', id: 'rec_2bX9' });
    const bad = await h.importState('rec_2bX9');
    expect(bad.diagnostics[0]?.summary).toBe('Invalid import id');
    expect(bad.diagnostics[0]?.detail).toContain('<domain>/<id>');
  });
});
