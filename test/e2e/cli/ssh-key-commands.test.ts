/**
 * `lyctl ssh-key` against a real local cloud, run as a user runs it: the built program, its output, its
 * exit codes, and one readable line (never a stack trace, never the key) when something is wrong.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-ssh-key-'));
const dataDir = path.join(scratch, 'data');

function lyctl(args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('LIGHTYEAR_') && k !== 'LYCTL_DEBUG'),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LYCTL, ...args],
      { cwd: scratch, env: { ...env, ...extraEnv } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** How many `POST /v1/ssh-keys` the local cloud has seen, from its request log. */
async function sshKeyPosts(): Promise<number> {
  const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { url: string };
  const key = fs.readFileSync(path.join(dataDir, 'bootstrap-key'), 'utf8').trim();
  const res = await fetch(`${new URL(info.url).origin}/_local/requests?method=POST&path=/v1/ssh-keys`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { requests: unknown[] }).requests.length;
}

beforeAll(async () => {
  const started = await lyctl(['local', 'start', '--port', '0', '--data', dataDir]);
  expect(started.code).toBe(0);
});

afterAll(async () => {
  await lyctl(['local', 'stop', '--data', dataDir]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('lyctl ssh-key', () => {
  it('registers, lists and deletes keys on the local cloud', async () => {
    const key = generateSshPublicKey('ed25519', { comment: 'me@laptop' });
    fs.writeFileSync(path.join(scratch, 'id.pub'), `${key.line}\n`);
    const created = await lyctl([
      'ssh-key',
      'create',
      '--name',
      'laptop',
      '--public-key-file',
      'id.pub',
      '--data',
      dataDir,
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { id, fingerprint } = JSON.parse(created.stdout) as { id: string; fingerprint: string };
    expect(fingerprint).toBe(key.fingerprint);

    const listed = await lyctl(['ssh-key', 'list', '--data', dataDir]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+FINGERPRINT\s+CREATED$/);
    expect(
      lines.slice(1).some((l) => l.startsWith(id) && l.includes('laptop') && l.includes(fingerprint)),
    ).toBe(true);

    const deleted = await lyctl(['ssh-key', 'delete', id, '--data', dataDir]);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted SSH key ${id}\n` });
    const again = await lyctl(['ssh-key', 'delete', id, '--data', dataDir]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(
      /^lyctl: There is no SSH key with id sshk_\w+\. \(not_found, HTTP 404, request req_\w+\)\n$/,
    );
  });

  it('an invalid key file is one line with the API reason and exit 1', async () => {
    fs.writeFileSync(path.join(scratch, 'bad.pub'), 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDYlcGa me@host\n');
    const result = await lyctl([
      'ssh-key',
      'create',
      '--name',
      'bad',
      '--public-key-file',
      'bad.pub',
      '--data',
      dataDir,
    ]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('public_key');
    expect(result.stderr).toContain('truncated or malformed');
  });

  it('a private key file is refused before anything is sent, naming the .pub file', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    fs.writeFileSync(path.join(scratch, 'id_ed25519'), pem, { mode: 0o600 });
    const postsBefore = await sshKeyPosts();
    const result = await lyctl([
      'ssh-key',
      'create',
      '--name',
      'oops',
      '--public-key-file',
      'id_ed25519',
      '--data',
      dataDir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--public-key-file id_ed25519 is a private key');
    expect(result.stderr).toContain('use the public key id_ed25519.pub instead');
    expect(result.stderr).not.toContain('BEGIN');
    // Refused locally: the cloud never received it.
    expect(result.stderr).not.toContain('HTTP 400');
    expect(await sshKeyPosts()).toBe(postsBefore);
  });

  it('a wrong API key is one line that does not repeat the key', async () => {
    const wrong = 'ly_0123456789abcdefghij0123456789ABCDEFGHIJ';
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'cloud.json'), 'utf8')) as { url: string };
    const result = await lyctl(['ssh-key', 'list'], {
      LIGHTYEAR_API_KEY: wrong,
      LIGHTYEAR_ENDPOINT: info.url,
    });
    expect(result.code).toBe(6);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('authentication_failed');
    expect(result.stderr).not.toContain(wrong);
  });

  it('says how to connect when there is neither a key nor a local cloud', async () => {
    const result = await lyctl(['ssh-key', 'list', '--data', path.join(scratch, 'nothing-here')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LIGHTYEAR_API_KEY');
    expect(result.stderr).toContain('lyctl local start');
  });

  it('usage mistakes are one line and exit 2', async () => {
    const result = await lyctl(['ssh-key', 'create', '--name', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^lyctl: create needs --public-key-file \(see `npx lyctl ssh-key create --help`\)\n$/,
    );
  });

  it('says in words why a file cannot be read: --public-key-file and LIGHTYEAR_CA_CERT', async () => {
    const missingKey = await lyctl([
      'ssh-key',
      'create',
      '--name',
      'x',
      '--public-key-file',
      'nope.pub',
      '--data',
      dataDir,
    ]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain('cannot read --public-key-file nope.pub: no such file');
    expect(missingKey.stderr).not.toContain('ENOENT');

    const missingCa = path.join(scratch, 'no-such-ca.pem');
    const list = await lyctl(['ssh-key', 'list'], {
      LIGHTYEAR_API_KEY: 'ly_unused',
      LIGHTYEAR_ENDPOINT: 'https://localhost:1/v1',
      LIGHTYEAR_CA_CERT: missingCa,
    });
    expect(list.code).toBe(1);
    expect(list.stderr).toBe(
      `lyctl: LIGHTYEAR_CA_CERT names ${missingCa}, which cannot be read: no such file\n`,
    );
  });
});
