import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { InvalidBootstrapKeyError, generateApiKeySecret } from '../../src/cloud';
import { startTestCloud } from '../helpers/local-cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ly-cloud-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const keyFile = () => join(dataDir, 'bootstrap-key');

describe('the bootstrap key', () => {
  it('is created on first start, written once to <dataDir>/bootstrap-key with mode 0600', async () => {
    const cloud = await startTestCloud({ dataDir });
    await cloud.close();
    expect(cloud.apiKey).toMatch(/^ly_[0-9A-Za-z]{40}$/);
    expect(readFileSync(keyFile(), 'utf8')).toBe(`${cloud.apiKey}\n`);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it('is stored only as a SHA-256 hash, with a display prefix and permission *', async () => {
    const cloud = await startTestCloud({ dataDir });
    await cloud.close();
    const db = new BetterSqlite3(join(dataDir, 'cloud.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM api_keys').all() as Record<string, string | number | null>[];
    const dump = db.serialize().toString('latin1');
    db.close();
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^key_[0-9A-Za-z]{24}$/),
        name: 'bootstrap',
        prefix: cloud.apiKey.slice(0, 9),
        secret_sha256: createHash('sha256').update(cloud.apiKey).digest('hex'),
        permissions: '["*"]',
        created_at: expect.stringMatching(/Z$/),
        seq: 1,
        expires_at: null,
        allowed_ips: null,
        last_used_at: null,
      },
    ]);
    expect(dump).not.toContain(cloud.apiKey);
  });

  it('survives a restart along with the data: same secret, same keys', async () => {
    const first = await startTestCloud({ dataDir });
    const created = await first.request('POST', '/ssh-keys', {
      body: { name: 'persisted', public_key: generateSshPublicKey('ecdsa-p256').line },
    });
    expect(created.status).toBe(201);
    await first.close();

    const second = await startTestCloud({ dataDir });
    try {
      expect(second.apiKey).toBe(first.apiKey);
      const res = await second.request('GET', `/ssh-keys/${created.body.ssh_key.id}`);
      expect(res.status).toBe(200);
      expect(res.body.ssh_key).toEqual(created.body.ssh_key);
    } finally {
      await second.close();
    }
  });

  it('takes a fixed secret, keeps it across restarts, and switches to a new fixed one', async () => {
    const fixed = generateApiKeySecret();
    const first = await startTestCloud({ dataDir, bootstrapKey: fixed });
    expect(first.apiKey).toBe(fixed);
    await first.close();

    const again = await startTestCloud({ dataDir });
    expect(again.apiKey).toBe(fixed);
    await again.close();

    const replacement = generateApiKeySecret();
    const third = await startTestCloud({ dataDir, bootstrapKey: replacement });
    try {
      expect(third.apiKey).toBe(replacement);
      expect(readFileSync(keyFile(), 'utf8')).toBe(`${replacement}\n`);
      expect((await third.request('GET', '/ssh-keys')).status).toBe(200);
      expect((await third.request('GET', '/ssh-keys', { apiKey: fixed })).status).toBe(401);
    } finally {
      await third.close();
    }
  });

  it('gets a new secret, logged by prefix only, when the key file is lost; the old secret stops working', async () => {
    const first = await startTestCloud({ dataDir });
    await first.close();
    unlinkSync(keyFile());

    const lines: string[] = [];
    const second = await startTestCloud({ dataDir, log: (line) => lines.push(line) });
    try {
      expect(second.apiKey).not.toBe(first.apiKey);
      expect(readFileSync(keyFile(), 'utf8')).toBe(`${second.apiKey}\n`);
      expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
      expect(lines.join('\n')).toContain('given a new secret');
      expect(lines.join('\n')).not.toContain(second.apiKey);
      expect((await second.request('GET', '/ssh-keys', { apiKey: first.apiKey })).status).toBe(401);
      expect((await second.request('GET', '/ssh-keys')).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('gets a new secret when the key file holds one that does not match', async () => {
    const first = await startTestCloud({ dataDir });
    await first.close();
    writeFileSync(keyFile(), `${generateApiKeySecret()}\n`);
    const second = await startTestCloud({ dataDir });
    await second.close();
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(readFileSync(keyFile(), 'utf8')).toBe(`${second.apiKey}\n`);
  });

  it('refuses a fixed secret of the wrong form without repeating it', async () => {
    const attempt = startTestCloud({ bootstrapKey: 'hunter2-is-my-password' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidBootstrapKeyError);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('in memory, the secret is only returned and every start has its own', async () => {
    const one = await startTestCloud();
    const two = await startTestCloud();
    try {
      expect(one.apiKey).not.toBe(two.apiKey);
      expect((await one.request('GET', '/ssh-keys')).status).toBe(200);
      expect((await one.request('GET', '/ssh-keys', { apiKey: two.apiKey })).status).toBe(401);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
