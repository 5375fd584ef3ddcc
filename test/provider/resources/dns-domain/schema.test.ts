import { dnsDomainResource } from '../../../../src/provider/resources/dns-domain/resource';
import { errorsOf, frameworkHarness } from '../../../helpers/framework-harness';

const config = (domain: string) => ({ id: null, domain, created_at: null });

describe('lightyear_dns_domain', () => {
  it('takes the domain only as the API stores it, saying which spelling to write', async () => {
    const h = await frameworkHarness(dnsDomainResource, undefined);
    expect(errorsOf(await h.validate(config('example.com')))).toEqual([]);
    const diagnostics = await h.validate(config('Example.COM.'));
    expect(errorsOf(diagnostics)).toEqual([{ summary: 'Invalid domain', path: ['domain'] }]);
    expect(diagnostics[0]?.detail).toContain('write "example.com" instead of "Example.COM."');
  });

  it("refuses a name that is no domain with the API's reason", async () => {
    const h = await frameworkHarness(dnsDomainResource, undefined);
    const [d] = await h.validate(config('localhost'));
    expect(d?.detail).toBe('domain must have at least two labels, such as example.com');
  });

  it('imports by name; the id and created_at come from the read', async () => {
    const h = await frameworkHarness(dnsDomainResource, undefined);
    expect((await h.importState('example.com')).state).toMatchObject({ id: 'example.com' });
    expect((await h.importState('rec_123')).diagnostics[0]?.summary).toBe('Invalid import id');
  });

  it('plans a new domain as a replacement', async () => {
    const h = await frameworkHarness(dnsDomainResource, undefined);
    const prior = { id: 'example.com', domain: 'example.com', created_at: '2026-01-01T00:00:00Z' };
    expect((await h.plan(prior, config('example.net'))).requiresReplace).toEqual([['domain']]);
    expect((await h.plan(prior, config('example.com'))).planned).toEqual(prior);
  });
});
