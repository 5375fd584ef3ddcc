import { ObjectExpression, Reference, type ImportedResource } from '../../../src/cli/import/expression';
import {
  className,
  declarationOrder,
  mainTs,
  tsExpression,
  tsString,
  variableName,
} from '../../../src/cli/import/render-cdktf';

const resource = (type: string, name: string, entries: [string, unknown][]): ImportedResource => ({
  type,
  name,
  importId: `${name}_id`,
  id: `${name}_id`,
  attributes: new ObjectExpression(new Map(entries as never)),
  blocks: [],
  notes: [],
});

describe('CDKTF names', () => {
  it('follows the generated bindings', () => {
    expect(className('lightyear_block_storage_attachment')).toBe('BlockStorageAttachment');
    expect(variableName({ type: 'lightyear_dns_record', name: 'a_www_example_com' })).toBe(
      'dnsRecordAWwwExampleCom',
    );
  });
});

describe('tsString', () => {
  it('is a valid literal with template syntax doubled for Terraform', () => {
    expect(tsString('a "b" ${c} %{d}\n')).toBe('"a \\"b\\" $${c} %%{d}\\n"');
  });
});

describe('tsExpression', () => {
  it('writes references as properties of the variables, members in camelCase', () => {
    const value = new ObjectExpression(
      new Map<string, never>([
        ['firewall_id', new Reference('lightyear_firewall', 'web', 'id') as never],
        ['enable_ipv6', true as never],
      ]),
    );
    expect(tsExpression(value, '')).toBe('{\n  firewallId: firewallWeb.id,\n  enableIpv6: true,\n}');
  });
});

describe('declarationOrder', () => {
  it('declares what is referred to first', () => {
    const record = resource('lightyear_dns_record', 'a', [
      ['data', new Reference('lightyear_instance', 'web', 'ipv4')],
    ]);
    const web = resource('lightyear_instance', 'web', [
      ['firewall_id', new Reference('lightyear_firewall', 'fw', 'id')],
    ]);
    const fw = resource('lightyear_firewall', 'fw', [['name', 'fw']]);
    expect(declarationOrder([record, web, fw]).map((r) => r.name)).toEqual(['fw', 'web', 'a']);
  });

  it('writes importFrom with the import id for each resource', () => {
    const text = mainTs({ resources: [resource('lightyear_ssh_key', 'k', [['name', 'k']])], notes: [] });
    expect(text).toContain('const sshKeyK = new tf.SshKey(this, "ssh_key_k", {\n      name: "k",\n    });');
    expect(text).toContain('sshKeyK.importFrom("k_id");');
  });
});
