import type { ApiKey } from '../../../../src/api';
import { keyLimitProblems } from '../../../../src/provider/resources/api-key/limits';

const creator = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 'key_p',
  name: 'provider',
  prefix: 'ly_abcdef',
  permissions: ['account:write', 'dns:write'],
  expires_at: null,
  allowed_ips: null,
  last_used_at: null,
  created_at: '2026-12-01T00:00:00.000Z',
  ...over,
});

const paths = (problems: ReturnType<typeof keyLimitProblems>) => problems.map((p) => p.path?.join('.') ?? '');

describe('keyLimitProblems (the cloud refuses a key that grants more than its creator holds)', () => {
  it('accepts a key within every limit', () => {
    expect(
      keyLimitProblems(creator(), { permissions: ['dns:read'], expiresAt: null, allowedIps: null }),
    ).toEqual([]);
  });

  it('refuses permissions the creator lacks, naming them, on permissions', () => {
    const problems = keyLimitProblems(creator(), {
      permissions: ['dns:read', 'instances:write', '*'],
      expiresAt: null,
      allowedIps: null,
    });
    expect(paths(problems)).toEqual(['permissions']);
    expect(problems[0]!.detail).toContain('cannot grant instances:write, *');
  });

  it('refuses when the creator cannot create keys at all', () => {
    const problems = keyLimitProblems(creator({ permissions: ['dns:write'] }), {
      permissions: ['dns:read'],
      expiresAt: null,
      allowedIps: null,
    });
    expect(paths(problems)).toEqual(['']);
    expect(problems[0]!.detail).toContain('lacks account:write');
  });

  it('refuses an expiry later than the creator’s, or none, on expires_at; skips an unknown one', () => {
    const limited = creator({ expires_at: '2027-01-01T00:00:00.000Z' });
    const base = { permissions: ['dns:read'], allowedIps: null };
    expect(paths(keyLimitProblems(limited, { ...base, expiresAt: null }))).toEqual(['expires_at']);
    expect(paths(keyLimitProblems(limited, { ...base, expiresAt: '2027-01-01T01:00:00+00:00' }))).toEqual([
      'expires_at',
    ]);
    expect(keyLimitProblems(limited, { ...base, expiresAt: '2027-01-01T01:00:00+01:00' })).toEqual([]);
    expect(keyLimitProblems(limited, { ...base, expiresAt: undefined })).toEqual([]);
  });

  it('refuses ranges outside the creator’s, or none, on allowed_ips', () => {
    const limited = creator({ allowed_ips: ['10.0.0.0/8'] });
    const base = { permissions: ['dns:read'], expiresAt: null };
    const none = keyLimitProblems(limited, { ...base, allowedIps: null });
    expect(paths(none)).toEqual(['allowed_ips']);
    expect(none[0]!.detail).toContain('allowed_ips must be set');
    const outside = keyLimitProblems(limited, { ...base, allowedIps: ['10.1.2.3', '192.168.0.0/16'] });
    expect(outside[0]!.detail).toContain('192.168.0.0/16 is not');
    expect(keyLimitProblems(limited, { ...base, allowedIps: ['10.1.2.3', '10.9.0.0/16'] })).toEqual([]);
  });
});
