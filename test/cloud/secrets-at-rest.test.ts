import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createdApiKeyResponseSchema, createWebhookResponseSchema } from '../../src/api';
import { LightyearClient } from '../../src/client/client';
import { startLocalCloud, type RunningLocalCloud } from '../../src/cloud';

// The acceptance check of issue 10: after keys and webhooks are made through the client (which sends an
// Idempotency-Key on every POST), neither the database files nor anything else in the data directory holds a
// secret in the clear, and nothing there is open to other users.
let dataDir: string;
let cloud: RunningLocalCloud;
let client: LightyearClient;
beforeEach(async () => {
  dataDir = path.join(fs.mkdtempSync(path.join(tmpdir(), 'ly-at-rest-')), 'data');
  cloud = await startLocalCloud({ dataDir, rateLimitPerMinute: 0 });
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
});
afterEach(async () => {
  await client.close();
  await cloud.close();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

async function createKeyAndWebhook(): Promise<string[]> {
  const key = await client.request({
    method: 'POST',
    path: '/account/api-keys',
    body: { name: 'ci', permissions: ['ssh_keys:read'] },
    response: createdApiKeyResponseSchema,
  });
  const webhook = await client.request({
    method: 'POST',
    path: '/webhooks',
    body: { url: 'http://127.0.0.1:9/hooks', events: ['billing.invoice_created'] },
    response: createWebhookResponseSchema,
  });
  return [key.secret, webhook.secret];
}

/** Every file under `dir`, with its bytes, recursively. */
function filesUnder(dir: string): { file: string; bytes: Buffer; mode: number }[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile()) return [];
    return [{ file, bytes: fs.readFileSync(file), mode: fs.statSync(file).mode & 0o777 }];
  });
}

describe('secrets at rest in the data directory', () => {
  it('keeps no API key or webhook secret in the clear in the database, its WAL or any other file', async () => {
    const secrets = await createKeyAndWebhook();
    // Read while the cloud runs (the WAL holds the newest pages) and again after close (checkpointed).
    for (const phase of ['running', 'closed']) {
      if (phase === 'closed') await cloud.close();
      const files = filesUnder(dataDir).filter((f) => !f.file.endsWith('bootstrap-key'));
      expect(files.map((f) => path.basename(f.file))).toContain('cloud.db');
      for (const { file, bytes } of files) {
        for (const secret of secrets) {
          expect({ file, holdsSecret: bytes.includes(secret) }).toEqual({ file, holdsSecret: false });
          // Not even the random part without its prefix.
          const random = secret.slice(secret.indexOf('_') + 1);
          expect({ file, holdsRandom: bytes.includes(random) }).toEqual({ file, holdsRandom: false });
        }
      }
    }
  });

  it('makes the directory 0700 and every file in it 0600, the SQLite -wal and -shm included', async () => {
    await createKeyAndWebhook();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = filesUnder(dataDir);
    expect(files.map((f) => path.basename(f.file))).toEqual(
      expect.arrayContaining(['cloud.db', 'cloud.db-wal', 'cloud.db-shm', 'bootstrap-key']),
    );
    for (const { file, mode } of files)
      expect({ file, mode: mode.toString(8) }).toEqual({ file, mode: '600' });
  });

  it('still gives the same caller its secret on a replay of the create', async () => {
    const request = {
      method: 'POST' as const,
      path: '/account/api-keys',
      body: { name: 'replayed', permissions: ['dns:read'] },
      response: createdApiKeyResponseSchema,
      idempotencyKey: 'create-replayed-key',
    };
    const first = await client.request(request);
    const again = await client.request(request);
    expect(again).toEqual(first);

    // Another key using the same Idempotency-Key gets no answer of the first caller: its request runs
    // for itself (keys are scoped per caller), and it never sees the first secret.
    const other = new LightyearClient({ apiKey: first.secret, endpoint: cloud.url });
    try {
      await expect(
        other.request({ ...request, body: { name: 'x', permissions: ['dns:read'] } }),
      ).rejects.toThrow(/lacks account:read|lacks the account:write/);
    } finally {
      await other.close();
    }
  });
});
