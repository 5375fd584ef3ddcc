import { createHash } from 'node:crypto';
import type { Instance } from '../../../../src/api';
import {
  createRequestFrom,
  knownFrom,
  stateFromApi,
  updateRequestFrom,
  userDataToKeep,
  type KnownFromState,
} from '../../../../src/provider/resources/instance/model';
import { userDataForApi, userDataSha256 } from '../../../../src/provider/resources/instance/rules';
import type { InstanceState } from '../../../../src/provider/resources/instance/schema';
import { mergedTags, ownTags } from '../../../../src/provider/resources/instance/tags';

const CLOUD_INIT = '#cloud-config\npackages:\n  - nginx\n';

function apiInstance(over: Partial<Instance> = {}): Instance {
  return {
    id: 'inst_abc123',
    label: 'web',
    hostname: 'web',
    region: 'ams',
    plan: 'vc2-1c-1gb',
    image: 'debian-12',
    status: 'active',
    power_status: 'running',
    ipv4: '203.0.113.10',
    ipv6: null,
    vcpu_count: 1,
    ram_mb: 1024,
    disk_gb: 25,
    ssh_key_ids: [],
    firewall_id: null,
    tags: [],
    backups: false,
    user_data_sha256: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const nothingKnown: KnownFromState = {
  userData: null,
  ownTags: null,
  enableIpv6: null,
  sshKeyIds: null,
  timeouts: null,
};

function planned(over: Partial<InstanceState> = {}): InstanceState {
  return {
    ...stateFromApi(apiInstance(), nothingKnown, []),
    ...over,
  };
}

describe('instance model: user data', () => {
  it('sends the text base64-encoded, and its digest is the SHA-256 of the text as the API computes it', () => {
    expect(userDataForApi(CLOUD_INIT)).toBe(Buffer.from(CLOUD_INIT).toString('base64'));
    const apiDigest = createHash('sha256')
      .update(Buffer.from(userDataForApi(CLOUD_INIT), 'base64'))
      .digest('hex');
    expect(userDataSha256(CLOUD_INIT)).toBe(apiDigest);
    // Non-ASCII text goes as UTF-8.
    expect(Buffer.from(userDataForApi('é'), 'base64').toString('utf8')).toBe('é');
  });

  it('keeps the known text while the digest matches, and forgets it when it changed outside', () => {
    const digest = userDataSha256(CLOUD_INIT);
    expect(userDataToKeep(CLOUD_INIT, digest)).toBe(CLOUD_INIT);
    expect(userDataToKeep(CLOUD_INIT, userDataSha256('other'))).toBeNull();
    expect(userDataToKeep(CLOUD_INIT, null)).toBeNull();
    expect(userDataToKeep(null, digest)).toBeNull();
  });

  it('puts user data and its digest in the create request and the state', () => {
    const request = createRequestFrom(planned({ user_data: CLOUD_INIT }));
    expect(request.user_data).toBe(userDataForApi(CLOUD_INIT));
    const state = stateFromApi(
      apiInstance({ user_data_sha256: userDataSha256(CLOUD_INIT) }),
      { ...nothingKnown, userData: CLOUD_INIT },
      [],
    );
    expect(state.user_data).toBe(CLOUD_INIT);
    expect(state.user_data_sha256).toBe(userDataSha256(CLOUD_INIT));
  });
});

describe('instance model: API ⇄ state', () => {
  it('maps every field, leaving unset optional sets null', () => {
    const state = stateFromApi(apiInstance(), nothingKnown, []);
    expect(state).toMatchObject({
      id: 'inst_abc123',
      label: 'web',
      hostname: 'web',
      ssh_key_ids: null,
      tags: null,
      tags_all: [],
      enable_ipv6: false,
      backups: false,
      power_status: 'running',
      vcpu_count: 1,
      ram_mb: 1024,
      disk_gb: 25,
      user_data: null,
    });
  });

  it('reads enable_ipv6 from the address, and keeps what was asked while provisioning', () => {
    expect(stateFromApi(apiInstance({ ipv6: '2001:db8::5' }), nothingKnown, []).enable_ipv6).toBe(true);
    const pending = apiInstance({ status: 'pending', ipv4: null, ipv6: null });
    expect(stateFromApi(pending, { ...nothingKnown, enableIpv6: true }, []).enable_ipv6).toBe(true);
    expect(stateFromApi(pending, nothingKnown, []).enable_ipv6).toBe(false);
  });

  it('keeps an empty configured set of SSH keys empty rather than null', () => {
    expect(stateFromApi(apiInstance(), { ...nothingKnown, sshKeyIds: [] }, []).ssh_key_ids).toEqual([]);
  });

  it('normalizes the host name and trims the label for the API', () => {
    const request = createRequestFrom(planned({ label: ' web ', hostname: 'Web-1.Example.COM.' }));
    expect(request).toMatchObject({ label: 'web', hostname: 'web-1.example.com' });
  });

  it('sends tags_all (defaults included) on create', () => {
    const request = createRequestFrom(planned({ tags: ['app'], tags_all: ['app', 'managed-by:terraform'] }));
    expect(request.tags).toEqual(['app', 'managed-by:terraform']);
  });

  it('patches only what changed; removing the firewall sends null', () => {
    const prior = planned({ firewall_id: 'fw_1', tags: ['a'], tags_all: ['a'] });
    expect(updateRequestFrom(prior, prior)).toBeUndefined();
    expect(updateRequestFrom(prior, { ...prior, firewall_id: null })).toEqual({ firewall_id: null });
    expect(updateRequestFrom(prior, { ...prior, label: 'api', plan: 'vc2-2c-4gb', backups: true })).toEqual({
      label: 'api',
      plan: 'vc2-2c-4gb',
      backups: true,
    });
    // The same set in another order is no change.
    const two = planned({ tags: ['a', 'b'], tags_all: ['a', 'b'] });
    expect(updateRequestFrom(two, { ...two, tags_all: ['b', 'a'] })).toBeUndefined();
  });

  it('knownFrom carries what the API cannot say', () => {
    const s = planned({ user_data: 'x', tags: ['a'], enable_ipv6: true, ssh_key_ids: [] });
    expect(knownFrom(s)).toEqual({
      userData: 'x',
      ownTags: ['a'],
      enableIpv6: true,
      sshKeyIds: [],
      timeouts: null,
    });
  });
});

describe('instance tags and default tags', () => {
  const defaults = ['managed-by:terraform'];

  it('merges defaults and own tags as a sorted set', () => {
    expect(mergedTags(defaults, ['web', 'managed-by:terraform', 'web'])).toEqual([
      'managed-by:terraform',
      'web',
    ]);
    expect(mergedTags(defaults, null)).toEqual(['managed-by:terraform']);
  });

  it("keeps a tag that is both default and configured as the instance's own (no perpetual diff)", () => {
    expect(ownTags(['managed-by:terraform', 'web'], ['managed-by:terraform', 'web'], defaults)).toEqual([
      'managed-by:terraform',
      'web',
    ]);
  });

  it('leaves defaults out of own tags, and shows tags added outside as own (drift)', () => {
    expect(ownTags(['managed-by:terraform', 'web'], ['web'], defaults)).toEqual(['web']);
    expect(ownTags(['managed-by:terraform', 'web', 'added'], ['web'], defaults)).toEqual(['added', 'web']);
    expect(ownTags(['managed-by:terraform'], null, defaults)).toBeNull();
    expect(ownTags([], [], defaults)).toEqual([]);
  });
});
