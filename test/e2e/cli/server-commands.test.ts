/**
 * `lyctl server ...` against a real local cloud, run as a separate process: deploy waits and prints the
 * address, every command in both output modes, destroy's confirmation, ssh, and Ctrl-C during a wait.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Instance, Snapshot } from '../../../src/api';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { ScratchCloud, tableRows } from './lyctl-process';

jest.setTimeout(120_000);

const cloud = new ScratchCloud();
beforeAll(() => cloud.start());
afterAll(() => cloud.stop());

const DEPLOY = ['server', 'deploy', '--region', 'ams', '--plan', 'vc2-1c-1gb', '--image', 'debian-12'];

describe('lyctl server', () => {
  let server: Instance;
  let sshKeyId: string;
  let firewallId: string;

  beforeAll(async () => {
    const key = generateSshPublicKey('ed25519', { comment: 'me@laptop' });
    fs.writeFileSync(path.join(cloud.dir, 'id.pub'), `${key.line}\n`);
    sshKeyId = (
      await cloud.json<{ id: string }>(['ssh-key', 'create', '--name', 'me', '--public-key-file', 'id.pub'])
    ).id;
    firewallId = (
      await cloud.json<{ id: string }>([
        'firewall',
        'create',
        '--name',
        'web',
        '--inbound',
        'tcp:22@0.0.0.0/0',
      ])
    ).id;
  });

  it('deploy waits until the server is active and prints it with its address (JSON: the API object)', async () => {
    fs.writeFileSync(path.join(cloud.dir, 'init.yaml'), '#cloud-config\npackages: [nginx]\n');
    const result = await cloud.run([
      ...DEPLOY,
      '--label',
      'web-1',
      '--ssh-key',
      sshKeyId,
      '--firewall',
      firewallId,
      '--user-data-file',
      'init.yaml',
      '--json',
    ]);
    expect(result.code).toBe(0);
    server = JSON.parse(result.stdout) as Instance;
    expect(server).toMatchObject({
      label: 'web-1',
      region: 'ams',
      status: 'active',
      ssh_key_ids: [sshKeyId],
      firewall_id: firewallId,
    });
    expect(server.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(server.user_data_sha256).toMatch(/^[0-9a-f]{64}$/);
    // Not a terminal: plain progress lines, one per state, ending with the state waited for.
    const progress = result.stderr.trim().split('\n');
    expect(progress[0]).toBe(`Creating server ${server.id} (web-1) in ams`);
    expect(progress).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Waiting for server ${server.id} to become active: pending \\(\\d+s\\)$`),
      ),
    );
    expect(progress.at(-1)).toMatch(/: active \(\d+s\)$/);
    expect(result.stderr).not.toContain('\r');
  });

  it('deploy prints a table row and the ssh hint for people', async () => {
    const result = await cloud.run([...DEPLOY, '--label', 'web-2']);
    expect(result.code).toBe(0);
    const [header, row] = tableRows(result.stdout);
    expect(header).toEqual(['ID', 'LABEL', 'REGION', 'PLAN', 'STATUS', 'POWER', 'IPV4']);
    expect(row?.slice(1, 6)).toEqual(['web-2', 'ams', 'vc2-1c-1gb', 'active', 'running']);
    expect(result.stderr).toMatch(
      /is active at \d+\.\d+\.\d+\.\d+; `npx lyctl server ssh inst_\w+` to log in/,
    );
  });

  it('deploy --no-wait returns the pending server at once', async () => {
    const pending = await cloud.json<Instance>([...DEPLOY, '--label', 'quick', '--no-wait']);
    expect(pending.status).toBe('pending');
    expect(pending.ipv4).toBeNull();
  });

  it('list and show, as tables and as JSON with the API field names', async () => {
    const listed = await cloud.json<Instance[]>(['server', 'list', '--label', 'web-1']);
    expect(listed).toEqual([expect.objectContaining({ id: server.id, power_status: 'running' })]);
    const table = await cloud.run(['server', 'list', '--region', 'ams']);
    expect(tableRows(table.stdout).map((row) => row[1])).toEqual(
      expect.arrayContaining(['LABEL', 'web-1', 'web-2']),
    );

    const shown = await cloud.json<Instance>(['server', 'show', server.id]);
    expect(shown).toEqual({ ...server, updated_at: shown.updated_at });
    const fields = await cloud.run(['server', 'show', server.id]);
    expect(fields.stdout).toMatch(new RegExp(`^ID +${server.id}$`, 'm'));
    expect(fields.stdout).toMatch(new RegExp(`^FIREWALL +${firewallId}$`, 'm'));
    expect(fields.stdout).toMatch(new RegExp(`^SSH_KEYS +${sshKeyId}$`, 'm'));
  });

  // reboot on a stopped server is a conflict that does not pass by itself: refused at once, not waited on.
  it('stop and start wait for the power state; reboot answers at once', async () => {
    const stopped = await cloud.json<Instance>(['server', 'stop', server.id]);
    expect(stopped.power_status).toBe('stopped');
    const refused = await cloud.run(['server', 'reboot', server.id]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^lyctl: .*\(conflict, HTTP 409, request req_\w+\)\n$/);
    const started = await cloud.run(['server', 'start', server.id]);
    expect(started.code).toBe(0);
    expect(tableRows(started.stdout)[1]?.[5]).toBe('running');
    const rebooted = await cloud.json<Instance>(['server', 'reboot', server.id]);
    expect(rebooted.id).toBe(server.id);
  });

  it('resize waits until the server is active on the new plan', async () => {
    const resized = await cloud.run(['server', 'resize', server.id, '--plan', 'vc2-1c-2gb', '--json']);
    expect(resized.code).toBe(0);
    expect(JSON.parse(resized.stdout)).toMatchObject({ status: 'active', plan: 'vc2-1c-2gb', disk_gb: 55 });
    expect(resized.stderr).toMatch(/Waiting for server inst_\w+ to become active: resizing/);
  });

  it('snapshot waits until complete; snapshot list/show/delete in both modes', async () => {
    const taken = await cloud.run(['server', 'snapshot', server.id, '--description', 'before upgrade']);
    expect(taken.code).toBe(0);
    const [header, row] = tableRows(taken.stdout);
    expect(header).toEqual(['ID', 'SERVER', 'STATUS', 'SIZE_GB', 'DESCRIPTION', 'CREATED']);
    expect(row?.slice(1, 5)).toEqual([server.id, 'complete', '55', 'before upgrade']);
    const id = row?.[0] as string;

    const second = await cloud.json<Snapshot>(['snapshot', 'create', '--server', server.id]);
    expect(second.status).toBe('complete');
    const listed = await cloud.json<Snapshot[]>(['snapshot', 'list', '--server', server.id]);
    expect(listed.map((s) => s.id).sort()).toEqual([id, second.id].sort());
    expect((await cloud.json<Snapshot>(['snapshot', 'show', id])).description).toBe('before upgrade');
    expect(await cloud.run(['snapshot', 'delete', second.id])).toMatchObject({
      code: 0,
      stdout: `Deleted snapshot ${second.id}\n`,
    });
    expect((await cloud.run(['snapshot', 'show', second.id])).code).toBe(4);
  });

  it('ssh runs ssh with the terminal, as root or --user; --print prints the command', async () => {
    const printed = await cloud.run(['server', 'ssh', server.id, '--print']);
    expect(printed).toMatchObject({ code: 0, stdout: `ssh root@${server.ipv4}\n` });

    // A stand-in `ssh` first on the PATH records how it was run and exits with its own code.
    const bin = path.join(cloud.dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\necho "ssh $*" > "${cloud.dir}/ssh-args"\nexit 7\n`, {
      mode: 0o755,
    });
    const ran = await cloud.run(['server', 'ssh', server.id, '--user', 'debian'], {
      env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    expect(ran.code).toBe(7);
    expect(fs.readFileSync(path.join(cloud.dir, 'ssh-args'), 'utf8')).toBe(`ssh debian@${server.ipv4}\n`);

    // A server with no address yet is covered by test/cli/commands/server.test.ts: here provisioning is
    // too quick to catch it pending reliably, and a real ssh to a test address would hang.
  });

  it('destroy refuses without --yes when stdin is not a terminal, then destroys with it', async () => {
    const target = await cloud.json<Instance>([...DEPLOY, '--label', 'doomed', '--no-wait']);
    const refused = await cloud.run(['server', 'destroy', target.id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('stdin is not a terminal, so nobody can confirm; add --yes');
    expect((await cloud.run(['server', 'show', target.id])).code).toBe(0);

    expect(await cloud.run(['server', 'destroy', target.id, '--yes'])).toMatchObject({
      code: 0,
      stdout: `Destroyed server ${target.id}\n`,
    });
    const gone = await cloud.run(['server', 'show', target.id]);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^lyctl: .*\(not_found, HTTP 404, request req_\w+\)\n$/);
  });

  it('Ctrl-C stops waiting with exit 130 and says the server goes on being created', async () => {
    let sent = false;
    const result = await cloud.run([...DEPLOY, '--label', 'interrupted'], {
      onStderr: (text, child) => {
        if (!sent && text.includes('Waiting for server')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    const id = /Creating server (inst_\w+)/.exec(result.stderr)?.[1] as string;
    expect(result.stderr).toContain(
      `lyctl: stopped waiting for server ${id} to become active; it goes on in the cloud; follow it with \`npx lyctl server show ${id}\``,
    );
    expect(result.stderr).not.toContain('at ');
    // Nothing was undone: the server exists and finishes provisioning.
    expect((await cloud.json<Instance>(['server', 'show', id])).label).toBe('interrupted');
  });
});

describe('lyctl server actions on a busy server', () => {
  // Twice as slow as the demo: a new server stays pending for 6 s, far longer than lyctl takes to start.
  const slow = new ScratchCloud('0.5');
  beforeAll(() => slow.start());
  afterAll(() => slow.stop());

  it('waits until a new server can take a snapshot, says why, then takes it', async () => {
    const created = await slow.json<Instance>([...DEPLOY, '--label', 'busy', '--no-wait']);
    expect(created.status).toBe('pending');
    const taken = await slow.run(['server', 'snapshot', created.id, '--json']);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toMatch(
      new RegExp(
        `^Waiting for server ${created.id} to take the snapshot: busy: Instance ${created.id} is pending`,
        'm',
      ),
    );
    expect(JSON.parse(taken.stdout)).toMatchObject({ instance_id: created.id, status: 'complete' });
  });
});
