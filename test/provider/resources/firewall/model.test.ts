import type { Firewall } from '../../../../src/api';
import {
  createRequestFrom,
  stateFromApi,
  updateRequestFrom,
} from '../../../../src/provider/resources/firewall/model';
import type { ObjectValue } from '../../../../src/provider/protocol/values';

const apiFirewall: Firewall = {
  id: 'fw_abc123',
  name: 'web',
  inbound_rules: [
    { protocol: 'icmp', sources: ['0.0.0.0/0'] },
    { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '::/0'] },
  ],
  outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
  instance_ids: ['inst_1', 'inst_2'],
  created_at: '2026-12-03T07:00:00.000Z',
};

function planned(over: Record<string, unknown> = {}): ObjectValue {
  return {
    id: 'fw_abc123',
    name: 'web',
    inbound_rules: [
      { protocol: 'tcp', ports: '22', sources: ['::0/0', '10.0.0.1/8'] },
      { protocol: 'icmp', ports: null, sources: ['0.0.0.0/0'] },
    ],
    outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
    instance_ids: [],
    created_at: '2026-12-03T07:00:00.000Z',
    timeouts: null,
    ...over,
  } as ObjectValue;
}

describe('firewall model', () => {
  it('reads the API object as state, in the API spelling, ICMP without ports', () => {
    expect(stateFromApi(apiFirewall)).toEqual({
      id: 'fw_abc123',
      name: 'web',
      inbound_rules: [
        { protocol: 'icmp', ports: null, sources: ['0.0.0.0/0'] },
        { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '::/0'] },
      ],
      outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
      instance_ids: ['inst_1', 'inst_2'],
      created_at: '2026-12-03T07:00:00.000Z',
      timeouts: null,
    });
  });

  it('carries the timeouts block, which the API does not know, from the value it started from', () => {
    const timeouts = { delete: '30s' };
    expect(stateFromApi(apiFirewall, planned({ timeouts })).timeouts).toEqual(timeouts);
  });

  it('sends each rule member canonical, rule for rule, without ports for ICMP, the name trimmed', () => {
    expect(createRequestFrom(planned({ name: ' web ' }))).toEqual({
      name: 'web',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['::/0', '10.0.0.0/8'] },
        { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      ],
      outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
    });
    expect(createRequestFrom(planned({ inbound_rules: [], outbound_rules: [] }))).toMatchObject({
      inbound_rules: [],
      outbound_rules: [],
    });
  });

  it('sends the spellings the API refuses but that mean one thing in the spelling the API takes', () => {
    const inbound = [
      { protocol: 'TCP', ports: '22-22', sources: ['203.0.113.7', '2001:DB8::1', '::0/0'] },
      { protocol: ' Udp ', ports: ' 0053 ', sources: [' 10.0.0.1 '] },
      { protocol: 'ICMP', ports: null, sources: ['0.0.0.0/0'] },
    ];
    const outbound = [{ protocol: 'Tcp', ports: '8000 - 9000', destinations: ['2001:0DB8:0:0:0:0:0:0/32'] }];
    expect(createRequestFrom(planned({ inbound_rules: inbound, outbound_rules: outbound }))).toEqual({
      name: 'web',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['203.0.113.7/32', '2001:db8::1/128', '::/0'] },
        { protocol: 'udp', ports: '53', sources: ['10.0.0.1/32'] },
        { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      ],
      outbound_rules: [{ protocol: 'tcp', ports: '8000-9000', destinations: ['2001:db8::/32'] }],
    });
  });

  it('sends what it cannot read as written (known only at apply), for the API to refuse with its reason', () => {
    const inbound = [{ protocol: 'sctp', ports: '80-22', sources: ['nope'] }];
    expect(createRequestFrom(planned({ inbound_rules: inbound })).inbound_rules).toEqual(inbound);
  });

  it('a rename patches only the name', () => {
    expect(updateRequestFrom(planned(), planned({ name: 'web-2' }))).toEqual({ name: 'web-2' });
  });

  it('a rule change patches only its own list, whole', () => {
    const inbound = [{ protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] }];
    expect(updateRequestFrom(planned(), planned({ inbound_rules: inbound }))).toEqual({
      inbound_rules: [{ protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] }],
    });
    expect(updateRequestFrom(planned(), planned({ outbound_rules: [] }))).toEqual({ outbound_rules: [] });
  });

  it('a respelling of the same rules patches nothing', () => {
    const respelled = [
      { protocol: 'icmp', ports: null, sources: ['0.0.0.0/0', '0.0.0.0/0'] },
      { protocol: 'tcp', ports: '22', sources: ['0:0:0:0:0:0:0:0/0', '10.0.0.0/8'] },
    ];
    expect(updateRequestFrom(planned(), planned({ inbound_rules: respelled }))).toEqual({});
    const loose = [
      { protocol: 'ICMP', ports: null, sources: ['0.0.0.0/0'] },
      { protocol: 'TCP', ports: '22-22', sources: ['::0/0', '10.0.0.0/8'] },
    ];
    expect(updateRequestFrom(planned(), planned({ inbound_rules: loose }))).toEqual({});
  });
});
