import { errorEnvelopeSchema } from '../../../src/api';
import { CloudClock } from '../../../src/cloud/clock';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

/*
 * One rule for every name, label and description the API takes (src/spelling/names.ts): surrounding blanks
 * are trimmed, control characters are refused with a 400 on the field. Checked here over HTTP for every
 * resource kind and every route that takes such a field, create and update alike.
 */

const PROVISION_MS = 1_000;
let cloud: TestCloud;
beforeEach(async () => {
  const clock = new CloudClock(() => Date.parse('2030-01-01T00:00:00.000Z'));
  cloud = await startTestCloud({
    clock,
    lifecycle: { provisionMs: PROVISION_MS, resizeMs: 1, powerMs: 1, blockMs: 1, snapshotMs: 1 },
  });
});
afterEach(() => cloud.close());

interface NameField {
  /** The resource kind and its field, as the test title reads. */
  readonly title: string;
  readonly field: string;
  readonly create: () => Promise<{ path: string; body: Record<string, unknown>; answerKey: string }>;
  /** The item path to PATCH, made by a valid create; absent where the field cannot be changed. */
  readonly update?: (created: Record<string, unknown>) => string;
}

async function activeInstanceId(): Promise<string> {
  const res = await cloud.request('POST', '/instances', {
    body: { region: 'ams', plan: 'vc2-1c-2gb', image: 'debian-12', label: 'source' },
  });
  expect(res.status).toBe(202);
  cloud.clock.advance(PROVISION_MS);
  return (res.body as { instance: { id: string } }).instance.id;
}

const FIELDS: NameField[] = [
  {
    title: 'SSH key name',
    field: 'name',
    create: async () => ({
      path: '/ssh-keys',
      body: { public_key: generateSshPublicKey('ed25519').line },
      answerKey: 'ssh_key',
    }),
    update: (key) => `/ssh-keys/${key.id as string}`,
  },
  {
    title: 'firewall name',
    field: 'name',
    create: async () => ({ path: '/firewalls', body: {}, answerKey: 'firewall' }),
    update: (fw) => `/firewalls/${fw.id as string}`,
  },
  {
    title: 'API key name',
    field: 'name',
    create: async () => ({
      path: '/account/api-keys',
      body: { permissions: ['ssh_keys:read'] },
      answerKey: 'api_key',
    }),
  },
  {
    title: 'instance label',
    field: 'label',
    create: async () => ({
      path: '/instances',
      body: { region: 'ams', plan: 'vc2-1c-2gb', image: 'debian-12' },
      answerKey: 'instance',
    }),
    update: (instance) => `/instances/${instance.id as string}`,
  },
  {
    title: 'block storage label',
    field: 'label',
    create: async () => ({ path: '/blocks', body: { region: 'ams', size_gb: 10 }, answerKey: 'block' }),
    update: (block) => `/blocks/${block.id as string}`,
  },
  {
    title: 'snapshot description',
    field: 'description',
    create: async () => ({
      path: '/snapshots',
      body: { instance_id: await activeInstanceId() },
      answerKey: 'snapshot',
    }),
  },
  {
    title: 'webhook description',
    field: 'description',
    create: async () => ({
      path: '/webhooks',
      body: { url: 'http://127.0.0.1:9/hooks', events: ['instance.created'] },
      answerKey: 'webhook',
    }),
    update: (webhook) => `/webhooks/${webhook.id as string}`,
  },
];

const CONTROL_SPELLINGS: [string, string, string][] = [
  ['NUL', 'web\u0000server', 'U+0000 (NUL)'],
  ['a terminal escape sequence', '\u001b[31mred\u001b[0m', 'U+001B (ESC)'],
  ['a tab inside', 'web\tserver', 'U+0009 (tab)'],
  ['a line break inside', 'web\nserver', 'U+000A (line feed)'],
  ['DEL', 'web\u007fserver', 'U+007F (DEL)'],
  ['a C1 control (CSI)', 'web\u009b2Jserver', 'U+009B'],
  ['a line separator', 'web\u2028server', 'U+2028 (line separator)'],
  ['a paragraph separator', 'web\u2029server', 'U+2029 (paragraph separator)'],
];

function expectControlRefused(res: { status: number; body: unknown }, field: string, shown: string) {
  expect(res.status).toBe(400);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.field).toBe(field);
  expect(envelope.error.details?.reason).toEqual(
    expect.stringContaining('must not contain control characters'),
  );
  expect(envelope.error.details?.reason).toEqual(expect.stringContaining(shown));
  // The answer names the character; it never echoes it, so a terminal showing the error is not rewritten.
  expect(JSON.stringify(envelope)).not.toMatch(/\\u001b|\\u0000/);
}

describe.each(FIELDS)('$title', ({ field, create, update }) => {
  it.each(CONTROL_SPELLINGS)('refuses %s on create with a 400 on the field', async (_case, value, shown) => {
    const { path, body } = await create();
    const res = await cloud.request('POST', path, { body: { ...body, [field]: value } });
    expectControlRefused(res, field, shown);
  });

  it('trims surrounding blanks and line breaks, and stores the name without them', async () => {
    const { path, body, answerKey } = await create();
    const res = await cloud.request('POST', path, { body: { ...body, [field]: ' \t web server \n' } });
    expect([201, 202]).toContain(res.status);
    const created = (res.body as Record<string, Record<string, unknown>>)[answerKey] as Record<
      string,
      unknown
    >;
    expect(created[field]).toBe('web server');
  });

  if (update !== undefined) {
    it.each(CONTROL_SPELLINGS)(
      'refuses %s on update with a 400 on the field',
      async (_case, value, shown) => {
        const { path, body, answerKey } = await create();
        const made = await cloud.request('POST', path, { body: { ...body, [field]: 'before' } });
        expect([201, 202]).toContain(made.status);
        const created = (made.body as Record<string, Record<string, unknown>>)[answerKey] as Record<
          string,
          unknown
        >;
        const res = await cloud.request('PATCH', update(created), { body: { [field]: value } });
        expectControlRefused(res, field, shown);
      },
    );
  }
});
