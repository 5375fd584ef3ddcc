import {
  API_KEY_PERMISSIONS,
  canonicalPermission,
  grants,
  permissionsNotCovered,
  samePermission,
} from '../../src/spelling';

describe('API key permissions', () => {
  it('lists * and read/write for every resource of the contract', () => {
    expect(API_KEY_PERMISSIONS).toContain('*');
    expect(API_KEY_PERMISSIONS).toContain('instances:read');
    expect(API_KEY_PERMISSIONS).toContain('account:write');
    expect(API_KEY_PERMISSIONS).toHaveLength(17);
  });

  it('reads letter case and blanks away; refuses what is no permission', () => {
    expect(canonicalPermission(' Instances:READ ')).toBe('instances:read');
    expect(canonicalPermission('*')).toBe('*');
    expect(canonicalPermission('servers:write')).toBeUndefined();
    expect(samePermission('SSH_KEYS:write', 'ssh_keys:write')).toBe(true);
    expect(samePermission('ssh_keys:read', 'ssh_keys:write')).toBe(false);
    expect(samePermission('nope', 'NOPE')).toBe(false);
  });

  it('write implies read; * covers everything and only * covers *', () => {
    expect(grants(['dns:write'], 'dns:read')).toBe(true);
    expect(grants(['dns:read'], 'dns:write')).toBe(false);
    expect(grants(['*'], 'account:write')).toBe(true);
    expect(permissionsNotCovered(['account:write', 'dns:write'], ['*', 'dns:read', 'blocks:read'])).toEqual([
      '*',
      'blocks:read',
    ]);
  });
});
