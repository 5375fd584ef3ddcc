import type { DnsRecord } from '../../../../src/api';
import {
  createRequestFrom,
  stateFromApi,
  updateRequestFrom,
} from '../../../../src/provider/resources/dns-record/model';
import type { ObjectValue } from '../../../../src/provider/protocol/values';

const planned = (over: Record<string, unknown> = {}): ObjectValue =>
  ({
    id: null,
    domain: 'Example.COM.',
    type: 'a',
    name: '@',
    data: '203.0.113.10',
    ttl: 300,
    priority: null,
    fqdn: 'example.com',
    created_at: null,
    ...over,
  }) as ObjectValue;

describe('requests from the planned record', () => {
  it('sends the type upper-case and the apex as ""', () => {
    expect(createRequestFrom(planned())).toEqual({ type: 'A', name: '', data: '203.0.113.10', ttl: 300 });
  });

  it('sends an absolute name relative to the domain', () => {
    expect(createRequestFrom(planned({ name: 'WWW.example.com.' })).name).toBe('www');
  });

  it('sends TXT text without zone-file quotes, other data as written', () => {
    expect(createRequestFrom(planned({ type: 'TXT', data: '"v=spf1 -all"' })).data).toBe('v=spf1 -all');
    expect(createRequestFrom(planned({ type: 'TXT', data: 'say "hi"' })).data).toBe('say "hi"');
    expect(createRequestFrom(planned({ type: 'MX', data: 'Mail.Example.com.', priority: 10 }))).toEqual({
      type: 'MX',
      name: '',
      data: 'Mail.Example.com.',
      ttl: 300,
      priority: 10,
    });
  });

  it('sends a value validation would refuse as written, for the API to say why', () => {
    expect(createRequestFrom(planned({ name: 'www.example.net.' })).name).toBe('www.example.net.');
  });

  it('updates every changeable field, the priority only where the type has one', () => {
    expect(updateRequestFrom(planned({ name: 'api', ttl: 600 }))).toEqual({
      name: 'api',
      data: '203.0.113.10',
      ttl: 600,
    });
    expect(updateRequestFrom(planned({ type: 'SRV', data: '5 5060 sip.example.com', priority: 20 }))).toEqual(
      {
        name: '',
        data: '5 5060 sip.example.com',
        ttl: 300,
        priority: 20,
      },
    );
  });
});

describe('state from the API', () => {
  const record: DnsRecord = {
    id: 'rec_1',
    domain: 'example.com',
    type: 'MX',
    name: '',
    data: 'mail.example.com',
    ttl: 300,
    priority: 10,
    created_at: '2026-01-01T00:00:00Z',
  };

  it('is the API object, with the fqdn of the apex being the domain', () => {
    expect(stateFromApi(record)).toEqual({ ...record, fqdn: 'example.com' });
    expect(stateFromApi({ ...record, name: 'www' }).fqdn).toBe('www.example.com');
  });
});
