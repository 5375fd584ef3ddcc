import { managedAddress, parseStateFile } from '../../../src/cli/import/state-file';

const STATE = JSON.stringify({
  version: 4,
  resources: [
    {
      mode: 'managed',
      type: 'lightyear_ssh_key',
      name: 'deploy',
      instances: [{ attributes: { id: 'sshk_1' } }],
    },
    {
      module: 'module.app',
      mode: 'managed',
      type: 'lightyear_instance',
      name: 'web',
      instances: [
        { index_key: 0, attributes: { id: 'inst_1' } },
        { index_key: 'b', attributes: { id: 'inst_2' } },
      ],
    },
    {
      mode: 'data',
      type: 'lightyear_ssh_key',
      name: 'looked_up',
      instances: [{ attributes: { id: 'sshk_9' } }],
    },
  ],
});

describe('parseStateFile', () => {
  const managed = parseStateFile(STATE, 'terraform.tfstate');

  it('knows the managed objects by type and id, with their addresses', () => {
    expect(managedAddress(managed, 'lightyear_ssh_key', 'sshk_1')).toBe('lightyear_ssh_key.deploy');
    expect(managedAddress(managed, 'lightyear_instance', 'inst_1')).toBe(
      'module.app.lightyear_instance.web[0]',
    );
    expect(managedAddress(managed, 'lightyear_instance', 'inst_2')).toBe(
      'module.app.lightyear_instance.web["b"]',
    );
  });

  it('does not count data sources, nor the same id under another type', () => {
    expect(managedAddress(managed, 'lightyear_ssh_key', 'sshk_9')).toBeUndefined();
    expect(managedAddress(managed, 'lightyear_firewall', 'sshk_1')).toBeUndefined();
  });

  it('refuses what is not a version 4 state, naming the file', () => {
    expect(() => parseStateFile('{', 'x.tfstate')).toThrow(/x\.tfstate.*not JSON/);
    expect(() => parseStateFile('{"version":3,"modules":[]}', 'x.tfstate')).toThrow(/not a Terraform state/);
  });
});
