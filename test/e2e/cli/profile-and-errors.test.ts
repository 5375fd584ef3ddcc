/**
 * Credentials and failures of lyctl's cloud commands, run as a process against a real local cloud: named
 * profiles (file mode, key never echoed nor taken from argv), `discover`, and one readable line with its own
 * exit code for each class of error (usage 2, not found 4, refused 5, wrong key 6, unreachable 7).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Inventory } from '../../../src/cli/discovery/inventory';
import type { Block, Firewall, Instance } from '../../../src/api';
import { ScratchCloud, runLyctl, tableRows } from './lyctl-process';

jest.setTimeout(120_000);

const cloud = new ScratchCloud();
beforeAll(() => cloud.start());
afterAll(() => cloud.stop());

const config = (): string => path.join(cloud.dir, 'config', 'lyctl', 'profiles.json');

describe('lyctl profile', () => {
  it('adds a profile from stdin into a 0600 file and uses it; the key never appears in output', async () => {
    const env = { LYCTL_CONFIG: config() };
    const added = await runLyctl(['profile', 'add', 'local', '--endpoint', cloud.url], {
      env,
      input: `${cloud.apiKey}\n`,
    });
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`Added profile local (key ${cloud.apiKey.slice(0, 9)}…) in ${config()}\n`);
    expect(fs.statSync(config()).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(config())).mode & 0o777).toBe(0o700);

    const listed = await runLyctl(['profile', 'list'], { env });
    expect(tableRows(listed.stdout)).toEqual([
      ['NAME', 'ENDPOINT', 'KEY', 'CA_CERT'],
      ['local', cloud.url, `${cloud.apiKey.slice(0, 9)}…`, '-'],
    ]);
    for (const result of [added, listed]) expect(result.stdout + result.stderr).not.toContain(cloud.apiKey);

    // --profile, and LIGHTYEAR_PROFILE, reach the cloud with no --data and no LIGHTYEAR_API_KEY.
    const viaFlag = await runLyctl(['server', 'list', '--profile', 'local', '--json'], { env });
    expect(viaFlag).toMatchObject({ code: 0 });
    const viaEnv = await runLyctl(['profile', 'show'], { env: { ...env, LIGHTYEAR_PROFILE: 'local' } });
    expect(viaEnv.stdout).toBe(
      `source    LIGHTYEAR_PROFILE=local\nendpoint  ${cloud.url}\nkey       ${cloud.apiKey.slice(0, 9)}…\n`,
    );
    // --profile is said on the command line, so it beats LIGHTYEAR_API_KEY.
    const both = await runLyctl(['profile', 'show', '--profile', 'local'], {
      env: { ...env, LIGHTYEAR_API_KEY: 'ly_other' },
    });
    expect(both.stdout).toContain('source    --profile local');

    const replaced = await runLyctl(['profile', 'add', 'local', '--endpoint', cloud.url], {
      env,
      input: cloud.apiKey,
    });
    expect(replaced.stdout).toMatch(/^Replaced profile local/);
    const unknown = await runLyctl(['server', 'list', '--profile', 'prod'], { env });
    expect(unknown).toMatchObject({
      code: 1,
      stderr: `lyctl: no profile 'prod' in ${config()} (there are: local)\n`,
    });
    expect(await runLyctl(['profile', 'remove', 'local'], { env })).toMatchObject({ code: 0 });
    expect(JSON.parse(fs.readFileSync(config(), 'utf8'))).toEqual({ profiles: {} });
  });

  it('takes no key from the command line, refuses an empty one, and refuses a file others can read', async () => {
    const env = { LYCTL_CONFIG: path.join(cloud.dir, 'other.json') };
    const asArgument = await runLyctl(['profile', 'add', 'x', cloud.apiKey], { env });
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toContain('unexpected argument');
    const empty = await runLyctl(['profile', 'add', 'x'], { env, input: '' });
    expect(empty).toMatchObject({ code: 2 });
    expect(empty.stderr).toContain('no API key given');
    expect(fs.existsSync(env.LYCTL_CONFIG)).toBe(false);

    fs.writeFileSync(env.LYCTL_CONFIG, JSON.stringify({ profiles: { x: { api_key: cloud.apiKey } } }));
    fs.chmodSync(env.LYCTL_CONFIG, 0o644);
    const unsafe = await runLyctl(['server', 'list', '--profile', 'x'], { env });
    expect(unsafe.code).toBe(1);
    expect(unsafe.stderr).toContain('can be read by other users (mode 644)');
    expect(unsafe.stderr).not.toContain(cloud.apiKey);
  });
});

describe('lyctl discover', () => {
  it('inventories every kind as rows with relations, as a table and as columns-and-rows JSON', async () => {
    const firewall = await cloud.json<Firewall>(['firewall', 'create', '--name', 'edge']);
    const server = await cloud.json<Instance>([
      'server',
      'deploy',
      '--region',
      'fra',
      '--plan',
      'vc2-1c-1gb',
      '--image',
      'debian-12',
      '--label',
      'app',
      '--firewall',
      firewall.id,
    ]);
    const volume = await cloud.json<Block>([
      'volume',
      'create',
      '--region',
      'fra',
      '--size',
      '10',
      '--label',
      'data',
      '--server',
      server.id,
    ]);
    await cloud.json(['domain', 'create', 'discover.example']);
    await cloud.json([
      'record',
      'create',
      '--domain',
      'discover.example',
      '--type',
      'A',
      '--name',
      'www',
      '--value',
      '192.0.2.1',
    ]);

    const inventory = await cloud.json<Inventory>(['discover']);
    expect(inventory.columns.map((c) => c.key)).toEqual([
      'kind',
      'id',
      'name',
      'region',
      'state',
      'relations',
    ]);
    expect(inventory.rows).toEqual(
      expect.arrayContaining([
        {
          kind: 'server',
          id: server.id,
          name: 'app',
          region: 'fra',
          state: 'active',
          relations: { firewall: [firewall.id] },
        },
        {
          kind: 'volume',
          id: volume.id,
          name: 'data',
          region: 'fra',
          state: 'active',
          relations: { server: [server.id] },
        },
        {
          kind: 'firewall',
          id: firewall.id,
          name: 'edge',
          region: null,
          state: null,
          relations: { servers: [server.id] },
        },
        {
          kind: 'domain',
          id: 'discover.example',
          name: 'discover.example',
          region: null,
          state: null,
          relations: {},
        },
        expect.objectContaining({
          kind: 'record',
          name: 'A www',
          relations: { domain: ['discover.example'] },
        }),
        expect.objectContaining({ kind: 'api-key', name: 'bootstrap', state: 'active' }),
      ]),
    );
    const record = inventory.rows.find((r) => r.kind === 'record');
    expect(record?.id).toMatch(/^discover\.example\/rec_\w+$/);

    const onlyServers = await cloud.json<Inventory>([
      'discover',
      '--kind',
      'server',
      '--kind',
      'VOLUME',
      '--region',
      'ams',
    ]);
    expect(onlyServers.rows).toEqual([]);
    const inFra = await cloud.json<Inventory>(['discover', '--kind', 'server', '--region', 'fra']);
    expect(inFra.rows.map((r) => r.id)).toEqual([server.id]);

    const table = await cloud.run(['discover', '--kind', 'volume', '--kind', 'server']);
    expect(tableRows(table.stdout)).toEqual([
      ['KIND', 'ID', 'NAME', 'REGION', 'STATE', 'RELATIONS'],
      ['server', server.id, 'app', 'fra', 'active', `firewall=${firewall.id}`],
      ['volume', volume.id, 'data', 'fra', 'active', `server=${server.id}`],
    ]);
    const badKind = await cloud.run(['discover', '--kind', 'bucket']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain(
      "--kind must be one of server, volume, firewall, ssh-key, snapshot, domain, record, api-key, webhook, not 'bucket'",
    );
  });
});

describe('errors: one line, its own exit code, no stack trace', () => {
  it('usage mistakes exit 2 and name the help to read', async () => {
    const missing = await cloud.run(['server', 'deploy', '--region', 'ams']);
    expect(missing).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'lyctl: server deploy needs --plan (see `npx lyctl server deploy --help`)\n',
    });
    const unknown = await cloud.run(['server', 'explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "unknown command 'server explode'; `lyctl server` has: deploy, list, show",
    );
    const noId = await cloud.run(['volume', 'show']);
    expect(noId).toMatchObject({
      code: 2,
      stderr: 'lyctl: `lyctl volume show` needs ID (see `npx lyctl volume show --help`)\n',
    });
  });

  it('not found exits 4 with the request id', async () => {
    for (const args of [
      ['server', 'show', 'inst_nope'],
      ['firewall', 'delete', 'fw_nope'],
      ['webhook', 'show', 'whk_nope'],
    ]) {
      const result = await cloud.run(args);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^lyctl: .*\(not_found, HTTP 404, request req_\w+\)\n$/);
    }
  });

  it('a request the API refuses exits 5 with its reason and request id', async () => {
    const result = await cloud.run([
      'server',
      'deploy',
      '--region',
      'mars',
      '--plan',
      'vc2-1c-1gb',
      '--image',
      'debian-12',
      '--label',
      'x',
    ]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^lyctl: .*region.*\(invalid_request on region, HTTP 400, request req_\w+\)\n$/,
    );
  });

  it('a wrong API key exits 6 and is not repeated', async () => {
    const wrong = 'ly_0123456789abcdefghij0123456789ABCDEFGHIJ';
    const result = await runLyctl(['discover'], {
      env: { LIGHTYEAR_API_KEY: wrong, LIGHTYEAR_ENDPOINT: cloud.url },
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/^lyctl: .*\(authentication_failed, HTTP 401, request req_\w+\)\n$/);
    expect(result.stderr).not.toContain(wrong);
  });

  it('an unreachable cloud exits 7 with one line', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const result = await runLyctl(['server', 'list'], {
      env: { LIGHTYEAR_API_KEY: 'ly_unused', LIGHTYEAR_ENDPOINT: `http://127.0.0.1:${port}/v1` },
    });
    expect(result.code).toBe(7);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^lyctl: .*127\.0\.0\.1/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('LYCTL_DEBUG=1 is the only way to a stack trace, and only for unexpected errors', async () => {
    const result = await cloud.run(['server', 'show', 'inst_nope'], { env: { LYCTL_DEBUG: '1' } });
    expect(result.code).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
