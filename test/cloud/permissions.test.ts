import { grants } from '../../src/cloud/permissions';

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
