import { MIGRATIONS } from '../../../src/cloud/store/migrations';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../../src/cloud/store/database';
import { startTestCloud } from '../../helpers/local-cloud';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ly-db-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('opens <dataDir>/cloud.db in WAL mode with synchronous = FULL, migrated', () => {
    const db = openDatabase(join(dataDir, 'nested'));
    try {
      expect(db.name).toBe(join(dataDir, 'nested', 'cloud.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({
        n: MIGRATIONS.length,
      });
    } finally {
      db.close();
    }
  });

  it('is in memory without a data directory', () => {
    const db = openDatabase();
    try {
      expect(db.memory).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('durability', () => {
  it('a write the API answered survives kill -9 of the cloud process', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../../helpers/local-cloud-child.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the cloud process exited with ${code}`)));
      });
      const { url, apiKey } = JSON.parse(firstLine) as { url: string; apiKey: string };
      const key = generateSshPublicKey('ed25519');
      const res = await fetch(`${url}/ssh-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'survivor', public_key: key.line }),
      });
      expect(res.status).toBe(201);
      const { ssh_key } = (await res.json()) as { ssh_key: { id: string } };

      child.kill('SIGKILL');
      await exited;

      const restarted = await startTestCloud({ dataDir });
      try {
        expect(restarted.apiKey).toBe(apiKey);
        const read = await restarted.request('GET', `/ssh-keys/${ssh_key.id}`);
        expect(read.status).toBe(200);
        expect(read.body.ssh_key.fingerprint).toBe(key.fingerprint);
      } finally {
        await restarted.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
