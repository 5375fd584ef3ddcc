import { API_KEY_PERMISSIONS } from '../../src/api';
import { grants, permissionsNotCovered } from '../../src/cloud/permissions';

describe('grants', () => {
  it.each([
    [['*'], 'ssh_keys:write', true],
    [['ssh_keys:read'], 'ssh_keys:read', true],
    [['ssh_keys:write'], 'ssh_keys:read', true],
    [['ssh_keys:read'], 'ssh_keys:write', false],
    [['instances:write'], 'ssh_keys:read', false],
    [[], 'ssh_keys:read', false],
  ])('%j covers %s: %s', (permissions, needed, expected) => {
    expect(grants(permissions, needed)).toBe(expected);
  });
});

describe('permissionsNotCovered', () => {
  it.each<[string[], string[], string[]]>([
    [['*'], ['*', 'dns:write'], []],
    [['account:write', 'dns:write'], ['dns:read', 'account:write'], []],
    [['account:write'], ['*'], ['*']],
    [['dns:read'], ['dns:write', 'dns:read', 'instances:read'], ['dns:write', 'instances:read']],
  ])('%j granting %j lacks %j', (holder, requested, missing) => {
    expect(permissionsNotCovered(holder, requested)).toEqual(missing);
  });
});

describe('the permission list of the contract', () => {
  it('is * and read/write for each of the eight resources', () => {
    expect(API_KEY_PERMISSIONS).toHaveLength(17);
    expect(API_KEY_PERMISSIONS).toContain('ssh_keys:write');
    expect(API_KEY_PERMISSIONS).toContain('account:read');
  });

  it('never lets a resource permission cover *', () => {
    for (const permission of API_KEY_PERMISSIONS.filter((p) => p !== '*')) {
      expect(grants([permission], '*')).toBe(false);
    }
  });
});
