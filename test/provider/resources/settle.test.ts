import { ResourceError } from '../../../src/provider/framework/errors';
import { resourceSchema } from '../../../src/provider/framework/schema-builder';
import { timeoutsBlock } from '../../../src/provider/framework/timeouts';
import { settle } from '../../../src/provider/resources/settle';

const schema = resourceSchema({
  version: 0,
  description: '',
  attributes: {},
  blocks: { timeouts: timeoutsBlock({ create: '1m' }) },
});

function statuses(...seq: string[]) {
  let i = 0;
  return async () => ({ status: seq[Math.min(i++, seq.length - 1)]! });
}

describe('settle', () => {
  it('polls until the status is reached', async () => {
    const got = await settle(schema, {
      description: 'thing x to become active',
      poll: statuses('pending', 'pending', 'active'),
      until: (v) => v.status === 'active',
      describe: (v) => `status ${v.status}`,
      planned: { timeouts: null },
      operation: 'create',
      defaultTimeout: '1m',
      signal: new AbortController().signal,
      intervalMs: 5,
    });
    expect(got).toEqual({ status: 'active' });
  });

  it("gives up at the timeouts block's bound, naming the last status and the setting to raise", async () => {
    const wait = settle(schema, {
      description: 'thing x to become active',
      poll: statuses('pending'),
      until: (v) => v.status === 'active',
      describe: (v) => `status ${v.status}`,
      planned: { timeouts: { create: '60ms' } },
      operation: 'create',
      defaultTimeout: '1m',
      signal: new AbortController().signal,
      intervalMs: 10,
    });
    await expect(wait).rejects.toBeInstanceOf(ResourceError);
    await expect(wait).rejects.toMatchObject({
      code: 'wait_timeout',
      detail: expect.stringMatching(/last seen: status pending.*timeouts\.create/),
    });
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const wait = settle(schema, {
      description: 'thing x to become active',
      poll: statuses('pending'),
      until: () => false,
      describe: (v) => v.status,
      planned: { timeouts: null },
      operation: 'create',
      defaultTimeout: '1m',
      signal: controller.signal,
      intervalMs: 10_000,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(wait).rejects.toMatchObject({ code: 'aborted' });
  });
});
