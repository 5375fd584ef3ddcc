/**
 * The provider's own arguments through the framework server, as Terraform sends them: requests_per_minute,
 * max_retries and default_tags are checked at validate time on the attribute, and default_tags reach every
 * instance's tags_all.
 */
import { FrameworkServer } from '../../src/provider/framework/server';
import { objectTypeOf } from '../../src/provider/framework/schema-walker';
import { lightyearProvider } from '../../src/provider/provider';
import { instanceSchema } from '../../src/provider/resources/instance/schema';
import {
  decodeMsgpackValue,
  encodeMsgpackValue,
  type ObjectValue,
  type Value,
} from '../../src/provider/protocol/values';
import type { Diagnostic } from '../../src/provider/protocol/tfplugin6';
import { INSTANT_DURATIONS } from '../../src/cloud';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

const providerType = objectTypeOf(lightyearProvider.schema);

function providerConfig(over: Record<string, Value>): ObjectValue {
  return {
    api_key: null,
    endpoint: null,
    ca_cert_file: null,
    request_timeout: null,
    requests_per_minute: null,
    max_retries: null,
    default_tags: null,
    ...over,
  };
}

const errorPaths = (diagnostics: readonly Diagnostic[] | undefined) =>
  (diagnostics ?? [])
    .filter((d) => d.severity === 1)
    .map((d) => ({
      detail: d.detail,
      path: (d.attribute?.steps ?? []).map((s) => ('attributeName' in s ? s.attributeName : '?')),
    }));

describe('provider configuration', () => {
  const server = new FrameworkServer(lightyearProvider);
  const validate = async (over: Record<string, Value>) =>
    errorPaths(
      (
        await server.validateProviderConfig({
          config: { msgpack: encodeMsgpackValue(providerConfig(over), providerType) },
        })
      ).diagnostics,
    );

  it('accepts whole numbers and valid tags', async () => {
    expect(
      await validate({ requests_per_minute: 120, max_retries: 0, default_tags: ['managed-by:terraform'] }),
    ).toEqual([]);
  });

  it('refuses a rate below one, a fractional or negative retry count, and a bad tag, each on its attribute', async () => {
    expect(await validate({ requests_per_minute: 0 })).toEqual([
      {
        detail: expect.stringContaining('requests_per_minute must be at least 1'),
        path: ['requests_per_minute'],
      },
    ]);
    expect(await validate({ max_retries: 1.5 })).toEqual([
      { detail: expect.stringContaining('max_retries must be a whole number'), path: ['max_retries'] },
    ]);
    expect(await validate({ max_retries: -1 })).toEqual([
      { detail: expect.stringContaining('max_retries must be at least 0'), path: ['max_retries'] },
    ]);
    expect(await validate({ default_tags: ['two words'] })).toEqual([
      { detail: expect.stringContaining('tag "two words"'), path: ['default_tags'] },
    ]);
  });

  describe('configured against the local cloud', () => {
    let cloud: TestCloud;

    beforeAll(async () => {
      cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
    });

    afterAll(async () => {
      await cloud.close();
    });

    it('merges default_tags into the planned tags_all of an instance', async () => {
      const configured = new FrameworkServer(lightyearProvider);
      const res = await configured.configureProvider({
        terraformVersion: '1.11.4',
        config: {
          msgpack: encodeMsgpackValue(
            providerConfig({
              api_key: cloud.apiKey,
              endpoint: cloud.url,
              requests_per_minute: 60,
              max_retries: 2,
              default_tags: ['managed-by:terraform', 'team:core'],
            }),
            providerType,
          ),
        },
      });
      expect(errorPaths(res.diagnostics)).toEqual([]);
      const type = objectTypeOf(instanceSchema);
      const config: ObjectValue = Object.fromEntries(
        Object.keys(instanceSchema.attributes).map((name) => [name, null]),
      );
      Object.assign(config, {
        label: 'web',
        region: 'ams',
        plan: 'vc2-1c-1gb',
        image: 'debian-12',
        tags: ['web'],
        timeouts: null,
      });
      const enc = (v: ObjectValue | null) => ({ msgpack: encodeMsgpackValue(v, type) });
      const plan = await configured.planResourceChange(
        {
          typeName: 'lightyear_instance',
          priorState: enc(null),
          proposedNewState: enc({ ...config, enable_ipv6: false, backups: false }),
          config: enc(config),
        },
        { signal: new AbortController().signal },
      );
      expect(errorPaths(plan.diagnostics)).toEqual([]);
      const planned = decodeMsgpackValue(plan.plannedState!.msgpack!, type) as ObjectValue;
      expect(planned.tags_all).toEqual(['managed-by:terraform', 'team:core', 'web']);
      expect(planned.tags).toEqual(['web']);
    });
  });
});
