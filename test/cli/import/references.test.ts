import { Reference } from '../../../src/cli/import/expression';
import { ReferenceIndex, type GeneratedObject } from '../../../src/cli/import/references';

const fw: GeneratedObject = { type: 'lightyear_firewall', name: 'web', state: { id: 'fw_1', name: 'web' } };
const web: GeneratedObject = {
  type: 'lightyear_instance',
  name: 'web',
  state: { id: 'inst_1', firewall_id: 'fw_1', ipv4: '203.0.113.7', ipv6: '2001:db8::7' },
};
const volume: GeneratedObject = { type: 'lightyear_block_storage', name: 'data', state: { id: 'blk_1' } };
const attachment: GeneratedObject = {
  type: 'lightyear_block_storage_attachment',
  name: 'data',
  state: { id: 'blk_1', block_id: 'blk_1', instance_id: 'inst_1' },
};
const domain: GeneratedObject = {
  type: 'lightyear_dns_domain',
  name: 'example_com',
  state: { id: 'example.com', domain: 'example.com' },
};
const record = (type: string, data: string): GeneratedObject => ({
  type: 'lightyear_dns_record',
  name: 'r',
  state: { id: 'rec_1', domain: 'example.com', type, data },
});

const index = new ReferenceIndex([fw, web, volume, attachment, domain]);

describe('ReferenceIndex', () => {
  it('refers to generated objects by id from id arguments', () => {
    const resolve = index.resolverFor(web);
    expect(resolve(['firewall_id'], 'fw_1')).toEqual(new Reference('lightyear_firewall', 'web', 'id'));
    expect(resolve(['ssh_key_ids'], 'fw_1')).toEqual(new Reference('lightyear_firewall', 'web', 'id'));
  });

  it('keeps ids of objects it did not generate, and ids in free text', () => {
    const resolve = index.resolverFor(web);
    expect(resolve(['firewall_id'], 'fw_other')).toBe('fw_other');
    expect(resolve(['label'], 'fw_1')).toBe('fw_1');
  });

  it("names an attachment's volume, not the attachment itself (they share the id)", () => {
    const resolve = index.resolverFor(attachment);
    expect(resolve(['block_id'], 'blk_1')).toEqual(new Reference('lightyear_block_storage', 'data', 'id'));
    expect(resolve(['instance_id'], 'inst_1')).toEqual(new Reference('lightyear_instance', 'web', 'id'));
  });

  it("refers to the domain from a record's domain", () => {
    const r = record('TXT', 'x');
    expect(index.resolverFor(r)(['domain'], 'example.com')).toEqual(
      new Reference('lightyear_dns_domain', 'example_com', 'id'),
    );
  });

  it("refers to a server's address from A and AAAA records, in any spelling of the address", () => {
    expect(index.resolverFor(record('A', '203.0.113.7'))(['data'], '203.0.113.7')).toEqual(
      new Reference('lightyear_instance', 'web', 'ipv4'),
    );
    expect(index.resolverFor(record('AAAA', '2001:DB8:0::7'))(['data'], '2001:DB8:0::7')).toEqual(
      new Reference('lightyear_instance', 'web', 'ipv6'),
    );
  });

  it('leaves other record data and unknown addresses as they are', () => {
    expect(index.resolverFor(record('TXT', '203.0.113.7'))(['data'], '203.0.113.7')).toBe('203.0.113.7');
    expect(index.resolverFor(record('A', '198.51.100.1'))(['data'], '198.51.100.1')).toBe('198.51.100.1');
    expect(index.resolverFor(record('AAAA', '203.0.113.7'))(['data'], '203.0.113.7')).toBe('203.0.113.7');
  });

  it('never refers to nested values', () => {
    expect(index.resolverFor(web)(['rules', 'firewall_id'], 'fw_1')).toBe('fw_1');
  });
});
