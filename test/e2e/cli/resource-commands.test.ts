/**
 * `lyctl volume|firewall|domain|record|api-key|webhook|ssh-key` against a real local cloud: the same
 * grammar (list, show, create, delete) in both output modes, the waits of volume create and attach, and
 * secrets printed once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiKey, Block, DnsRecord, Domain, Firewall, Instance, SshKey, Webhook } from '../../../src/api';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { ScratchCloud, tableRows } from './lyctl-process';

jest.setTimeout(120_000);

const cloud = new ScratchCloud();
beforeAll(() => cloud.start());
afterAll(() => cloud.stop());

describe('lyctl volume', () => {
  it('create --server waits until active and attached; detach, attach (waiting while busy), list, delete', async () => {
    const server = await cloud.json<Instance>([
      'server',
      'deploy',
      '--region',
      'ams',
      '--plan',
      'vc2-1c-1gb',
      '--image',
      'debian-12',
      '--label',
      'db',
      '--no-wait',
    ]);
    const loose = await cloud.json<Block>([
      'volume',
      'create',
      '--region',
      'ams',
      '--size',
      '20',
      '--label',
      'loose',
      '--no-wait',
    ]);
    expect(loose.status).toBe('pending');
    const attached = await cloud.run(['volume', 'attach', loose.id, '--server', server.id]);
    expect(attached.code).toBe(0);
    // Whether the server was still provisioning depends on timing here; the busy retry itself is covered
    // by test/cli/commands/volume.test.ts.
    expect(attached.stderr).toMatch(
      new RegExp(`Waiting for volume ${loose.id} to attach to ${server.id}: attached \\(\\d+s\\)\\n$`),
    );
    expect(tableRows(attached.stdout)[1]).toEqual([loose.id, 'loose', 'ams', '20', 'active', server.id]);

    const data = await cloud.json<Block>([
      'volume',
      'create',
      '--region',
      'ams',
      '--size',
      '10',
      '--label',
      'data',
      '--server',
      server.id,
    ]);
    expect(data).toMatchObject({ status: 'active', attached_to_instance_id: server.id, size_gb: 10 });

    const detached = await cloud.json<Block>(['volume', 'detach', data.id]);
    expect(detached.attached_to_instance_id).toBeNull();
    const onServer = await cloud.json<Block[]>(['volume', 'list', '--server', server.id]);
    expect(onServer.map((b) => b.id)).toEqual([loose.id]);
    const shown = await cloud.run(['volume', 'show', data.id]);
    expect(shown.stdout).toMatch(/^SERVER +-$/m);

    const inUse = await cloud.run(['volume', 'delete', loose.id]);
    expect(inUse.code).toBe(5);
    expect(inUse.stderr).toMatch(
      /^lyctl: .*detach it first.*\(resource_in_use, HTTP 409, request req_\w+\)\n$/,
    );
    expect(await cloud.run(['volume', 'delete', data.id])).toMatchObject({
      code: 0,
      stdout: `Deleted volume ${data.id}\n`,
    });

    const badSize = await cloud.run(['volume', 'create', '--region', 'ams', '--size', '5', '--label', 'x']);
    expect(badSize).toMatchObject({ code: 2, stdout: '' });
    expect(badSize.stderr).toBe(
      "lyctl: --size must be a whole number from 10 to 10000, not '5' (see `npx lyctl volume create --help`)\n",
    );
  });
});

describe('lyctl firewall', () => {
  it('creates with rules the API canonicalizes, lists, shows and deletes', async () => {
    const created = await cloud.json<Firewall>([
      'firewall',
      'create',
      '--name',
      'edge',
      '--inbound',
      'TCP:443@192.168.1.7/24,::0/0',
      '--inbound',
      'icmp@0.0.0.0/0',
      '--outbound',
      'udp:53@0.0.0.0/0',
    ]);
    expect(created.inbound_rules).toEqual(
      expect.arrayContaining([
        { protocol: 'tcp', ports: '443', sources: ['192.168.1.0/24', '::/0'] },
        { protocol: 'icmp', sources: ['0.0.0.0/0'] },
      ]),
    );
    const table = await cloud.run(['firewall', 'list', '--name', 'edge']);
    expect(tableRows(table.stdout)[0]).toEqual(['ID', 'NAME', 'INBOUND', 'OUTBOUND', 'SERVERS']);
    expect(tableRows(table.stdout)[1]?.slice(0, 2)).toEqual([created.id, 'edge']);
    expect(table.stdout).toContain('tcp:443@192.168.1.0/24,::/0');
    expect((await cloud.json<Firewall>(['firewall', 'show', created.id])).outbound_rules).toEqual([
      { protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] },
    ]);
    expect((await cloud.run(['firewall', 'delete', created.id])).code).toBe(0);
    expect(await cloud.json<Firewall[]>(['firewall', 'list', '--name', 'edge'])).toEqual([]);
  });

  it('a rule the API refuses is one line with the field, the reason and the request id, exit 5', async () => {
    const result = await cloud.run([
      'firewall',
      'create',
      '--name',
      'bad',
      '--inbound',
      'tcp:70000@0.0.0.0/0',
    ]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^lyctl: .*inbound_rules\[0\]\.ports.*\(invalid_request on inbound_rules\[0\]\.ports, HTTP 400, request req_\w+\)\n$/,
    );
    const malformed = await cloud.run(['firewall', 'create', '--name', 'bad', '--inbound', 'tcp:22']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("--inbound 'tcp:22' has no @");
  });
});

describe('lyctl domain and record', () => {
  it('adds a domain in any spelling, manages its records, and deletes it', async () => {
    const domain = await cloud.json<Domain>(['domain', 'create', 'Example.COM.']);
    expect(domain.domain).toBe('example.com');
    expect((await cloud.run(['domain', 'list'])).stdout).toMatch(/^example\.com +\S+$/m);
    expect((await cloud.json<Domain>(['domain', 'show', 'example.com'])).domain).toBe('example.com');

    const a = await cloud.json<DnsRecord>([
      'record',
      'create',
      '--domain',
      'example.com',
      '--type',
      'a',
      '--name',
      'www',
      '--value',
      '192.0.2.10',
      '--ttl',
      '600',
    ]);
    expect(a).toMatchObject({ type: 'A', name: 'www', data: '192.0.2.10', ttl: 600, priority: null });
    const mx = await cloud.run([
      'record',
      'create',
      '--domain',
      'example.com',
      '--type',
      'MX',
      '--name',
      '@',
      '--value',
      'Mail.Example.COM.',
      '--priority',
      '10',
    ]);
    expect(mx.code).toBe(0);
    expect(tableRows(mx.stdout)[1]?.slice(1)).toEqual(['MX', '@', 'mail.example.com', '300', '10']);

    const listed = await cloud.json<DnsRecord[]>([
      'record',
      'list',
      '--domain',
      'example.com',
      '--type',
      'mx',
    ]);
    expect(listed.map((r) => r.data)).toEqual(['mail.example.com']);
    const shown = await cloud.run(['record', 'show', a.id, '--domain', 'example.com']);
    expect(shown.stdout).toMatch(/^DATA +192\.0\.2\.10$/m);
    expect(await cloud.run(['record', 'delete', a.id, '--domain', 'example.com'])).toMatchObject({
      code: 0,
      stdout: `Deleted record ${a.id}\n`,
    });

    const noDomain = await cloud.run(['record', 'list', '--domain', 'nothing.example']);
    expect(noDomain.code).toBe(4);
    const refused = await cloud.run([
      'record',
      'create',
      '--domain',
      'example.com',
      '--type',
      'A',
      '--name',
      'x',
      '--value',
      'not-an-ip',
    ]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/invalid_request on data, HTTP 400, request req_\w+/);
    const missing = await cloud.run([
      'record',
      'create',
      '--domain',
      'example.com',
      '--type',
      'A',
      '--value',
      '192.0.2.1',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('lyctl: record create needs --name (see `npx lyctl record create --help`)\n');

    expect((await cloud.run(['domain', 'delete', 'example.com'])).code).toBe(0);
    expect((await cloud.run(['domain', 'show', 'example.com'])).code).toBe(4);
  });
});

describe('lyctl api-key and webhook', () => {
  it('api-key create prints the secret once, with a warning on stderr; list and show never carry it', async () => {
    const table = await cloud.run([
      'api-key',
      'create',
      '--name',
      'ci',
      '--permission',
      'instances:read',
      '--permission',
      'dns:write',
    ]);
    expect(table.code).toBe(0);
    const rows = tableRows(table.stdout);
    const secret = /^SECRET +(ly_\w+)$/m.exec(table.stdout)?.[1] as string;
    expect(secret).toMatch(/^ly_[0-9A-Za-z]{40}$/);
    expect(table.stderr).toContain('the only time the secret is shown');
    const id = rows[1]?.[0] as string;

    const json = await cloud.run(['api-key', 'create', '--name', 'ci-2', '--permission', '*', '--json']);
    const created = JSON.parse(json.stdout) as { api_key: ApiKey; secret: string };
    expect(created.secret).toMatch(/^ly_/);
    expect(created.api_key.prefix).toBe(created.secret.slice(0, 9));

    const listed = await cloud.run(['api-key', 'list', '--json']);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(created.secret);
    expect((JSON.parse(listed.stdout) as ApiKey[]).map((k) => k.name)).toEqual(
      expect.arrayContaining(['ci', 'ci-2']),
    );
    expect((await cloud.run(['api-key', 'show', id])).stdout).toMatch(
      /^PERMISSIONS +instances:read,dns:write$/m,
    );

    // The new key works until revoked.
    const asCi = { env: { LIGHTYEAR_API_KEY: secret, LIGHTYEAR_ENDPOINT: cloud.url } };
    expect((await cloud.run(['server', 'list'], asCi)).code).toBe(0);
    expect(await cloud.run(['api-key', 'delete', id])).toMatchObject({
      code: 0,
      stdout: `Deleted API key ${id}\n`,
    });
    const revoked = await cloud.run(['server', 'list'], asCi);
    expect(revoked.code).toBe(6);
    expect(revoked.stderr).not.toContain(secret);
  });

  it('webhook create prints its signing secret once; list, show, delete', async () => {
    // An event nothing in this test emits: the local cloud must not try to deliver anywhere.
    const created = await cloud.run([
      'webhook',
      'create',
      '--url',
      'https://hooks.example.com/ly',
      '--event',
      'billing.invoice_created',
      '--description',
      'billing',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { webhook, secret } = JSON.parse(created.stdout) as { webhook: Webhook; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(created.stderr).toContain('the only time the signing secret is shown');
    const listed = await cloud.run(['webhook', 'list']);
    expect(tableRows(listed.stdout)[1]).toEqual([
      webhook.id,
      'https://hooks.example.com/ly',
      'billing.invoice_created',
      'true',
      'billing',
    ]);
    expect(listed.stdout).not.toContain(secret);
    expect((await cloud.json<Webhook>(['webhook', 'show', webhook.id])).events).toEqual([
      'billing.invoice_created',
    ]);
    expect((await cloud.run(['webhook', 'delete', webhook.id])).code).toBe(0);
    const noEvent = await cloud.run(['webhook', 'create', '--url', 'https://hooks.example.com/ly']);
    expect(noEvent.code).toBe(2);
    expect(noEvent.stderr).toContain('webhook create needs --event');
  });
});

describe('lyctl ssh-key in the shared grammar', () => {
  it('show prints the key in both modes', async () => {
    const key = generateSshPublicKey('ed25519', { comment: 'show@me' });
    fs.writeFileSync(path.join(cloud.dir, 'show.pub'), `${key.line}\n`);
    const created = await cloud.json<SshKey>([
      'ssh-key',
      'create',
      '--name',
      'show',
      '--public-key-file',
      'show.pub',
    ]);
    expect((await cloud.json<SshKey>(['ssh-key', 'show', created.id])).fingerprint).toBe(key.fingerprint);
    expect((await cloud.run(['ssh-key', 'show', created.id])).stdout).toMatch(
      new RegExp(`^FINGERPRINT +${key.fingerprint.replace(/[+/]/g, '\\$&')}$`, 'm'),
    );
  });
});
