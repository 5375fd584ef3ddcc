import type { ApiKey } from '../../../../src/api';
import { createRequestFrom, isExpired, stateFromApi } from '../../../../src/provider/resources/api-key/model';
import {
  checkAllowedIps,
  checkApiKeyName,
  checkExpiresAt,
  checkPermissions,
  sameExpiry,
  samePermissionSpelling,
  sameRange,
} from '../../../../src/provider/resources/api-key/rules';

const key: ApiKey = {
  id: 'key_1',
  name: 'ci',
  prefix: 'ly_abcdef',
  permissions: ['instances:read'],
  expires_at: '2027-01-31T12:00:00.000Z',
  allowed_ips: ['10.0.0.0/8'],
  last_used_at: null,
  created_at: '2026-12-01T00:00:00.000Z',
};

const planned = (over: Record<string, unknown>) =>
  ({
    id: null,
    name: 'ci',
    permissions: ['instances:read'],
    expires_at: null,
    allowed_ips: null,
    prefix: null,
    secret: null,
    last_used_at: null,
    created_at: null,
    ...over,
  }) as never;

describe('api key model', () => {
  it('sends the API its own spelling: lower-case permissions once, UTC with Z, trimmed name', () => {
    expect(
      createRequestFrom(
        planned({
          name: ' ci ',
          permissions: ['Instances:Read', 'instances:read', 'DNS:write'],
          expires_at: '2027-01-31T13:00:00+01:00',
          allowed_ips: ['10.0.0.5/8', ' 203.0.113.7 '],
        }),
      ),
    ).toEqual({
      name: 'ci',
      permissions: ['dns:write', 'instances:read'],
      expires_at: '2027-01-31T12:00:00.000Z',
      allowed_ips: ['10.0.0.0/8', '203.0.113.7/32'],
    });
  });

  it('sends ranges canonical: bare addresses as their host, ::0/0 as ::/0, upper-case IPv6 lower, once', () => {
    expect(
      createRequestFrom(planned({ allowed_ips: ['2001:DB8::1', '::0/0', '203.0.113.7', '203.0.113.7/32'] }))
        .allowed_ips,
    ).toEqual(['2001:db8::1/128', '::/0', '203.0.113.7/32']);
  });

  it('sends a range it cannot read as written, for the API to refuse with its reason', () => {
    expect(createRequestFrom(planned({ allowed_ips: [' nope '] })).allowed_ips).toEqual(['nope']);
  });

  it('leaves out what is not configured: a key that never expires, usable from anywhere', () => {
    expect(createRequestFrom(planned({}))).toEqual({ name: 'ci', permissions: ['instances:read'] });
  });

  it('keeps the secret it is given (from the create, or from state); null after an import', () => {
    expect(stateFromApi(key, 'ly_secret')).toMatchObject({
      id: 'key_1',
      secret: 'ly_secret',
      prefix: 'ly_abcdef',
    });
    expect(stateFromApi(key, null).secret).toBeNull();
  });

  it('judges expiry on the instant, whatever the spelling', () => {
    const at = Date.parse('2027-01-31T12:00:00Z');
    expect(isExpired('2027-01-31T13:00:00+01:00', at)).toBe(true);
    expect(isExpired('2027-01-31T12:00:00.001Z', at)).toBe(false);
    expect(isExpired(null, at)).toBe(false);
    expect(isExpired('garbage', at)).toBe(false);
  });
});

describe('api key rules', () => {
  it('refuses unknown permissions, naming them and listing the known ones', () => {
    expect(checkPermissions(['instances:read'])).toBeUndefined();
    expect(checkPermissions(['INSTANCES:read', '*'])).toBeUndefined();
    const problem = checkPermissions(['instances:read', 'servers:write', 'root']);
    expect(problem).toContain('"servers:write", "root", which are not permissions');
    expect(problem).toContain('*, instances:read, instances:write, ssh_keys:read');
    expect(checkPermissions([])).toContain('at least one permission');
  });

  it('refuses a malformed expiry and malformed ranges; accepts bare and long-hand addresses', () => {
    expect(checkExpiresAt('2027-01-31T12:00:00+00:00')).toBeUndefined();
    expect(checkExpiresAt('tomorrow')).toContain('not an RFC 3339 timestamp');
    expect(checkAllowedIps(['203.0.113.7', '0:0:0:0:0:0:0:0/0', '10.0.0.5/8'])).toBeUndefined();
    expect(checkAllowedIps(['10.0.0.0/33'])).toContain('"10.0.0.0/33", which is not an IPv4 or IPv6');
    expect(checkAllowedIps([])).toContain('at least one range');
    expect(checkApiKeyName('')).toContain('name');
  });

  it('treats spellings of the same value as the same', () => {
    expect(samePermissionSpelling('SSH_KEYS:Read', 'ssh_keys:read')).toBe(true);
    expect(sameExpiry('2027-01-31T12:00:00Z', '2027-01-31T12:00:00.000000+00:00')).toBe(true);
    expect(sameRange('::0/0', '::/0')).toBe(true);
    expect(sameRange('203.0.113.7', '203.0.113.7/32')).toBe(true);
    expect(sameRange('10.0.0.5/8', '10.0.0.0/8')).toBe(true);
    expect(sameRange('10.0.0.0/8', '10.0.0.0/16')).toBe(false);
  });
});
