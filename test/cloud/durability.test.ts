/**
 * No acknowledged write is lost: the cloud runs as a child process on a data directory, several clients
 * create objects concurrently, the process is killed with SIGKILL while writes are in flight, and after a
 * restart on the same directory every object whose create was answered 2xx is there, exactly as answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { withLiveRouteTable } from '../../src/cloud/openapi/live-document';
import { startTestCloud } from '../helpers/local-cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

/** A kind the clients create: its collection, a unique valid body, and where the answer holds the object. */
interface Kind {
  readonly path: string;
  readonly key: string;
  body(n: number): unknown;
}

const CLIENTS = 8;
/** Kill once this many creates were acknowledged, or after KILL_AFTER_MS, whichever comes first. */
const KILL_AT_ACKS = 300;
const KILL_AFTER_MS = 4000;

const CANDIDATE_KINDS: Kind[] = [
  {
    path: '/ssh-keys',
    key: 'ssh_key',
    body: (n) => ({ name: `durable-${n}`, public_key: generateSshPublicKey('ed25519').line }),
  },
  {
    path: '/firewalls',
    key: 'firewall',
    body: (n) => ({
      name: `durable-${n}`,
      inbound_rules: [{ protocol: 'tcp', ports: String(1000 + (n % 60000)), sources: ['0.0.0.0/0'] }],
      outbound_rules: [],
    }),
  },
  { path: '/domains', key: 'domain', body: (n) => ({ domain: `durable-${n}.example.com` }) },
];

/** The kinds whose create route is in the live table: more are covered as their routes land. */
const KINDS = withLiveRouteTable((routes) =>
  CANDIDATE_KINDS.filter((kind) => routes.some((r) => r.method === 'POST' && r.path === `/v1${kind.path}`)),
);

interface Acknowledged {
  readonly kind: Kind;
  readonly object: Record<string, unknown>;
}

function startChild(dataDir: string): {
  child: ChildProcess;
  ready: Promise<{ url: string; apiKey: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, '../helpers/local-cloud-child.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve(JSON.parse(line) as { url: string; apiKey: string }),
    );
    child.once('exit', (code) => reject(new Error(`the cloud process exited with ${String(code)}`)));
  });
  return { child, ready };
}

/** The path to read an object back: domains are addressed by name, the rest by id. */
function itemPath(kind: Kind, object: Record<string, unknown>): string {
  const id = kind.key === 'domain' ? object.domain : object.id;
  return `${kind.path}/${encodeURIComponent(String(id))}`;
}

describe('durability under SIGKILL', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ly-durable-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every create answered 2xx by concurrent clients when killed mid-load', async () => {
    expect(KINDS.map((k) => k.path)).toContain('/ssh-keys');
    // Bodies are made up front so the clients only wait on the cloud.
    const bodies = Array.from({ length: KILL_AT_ACKS * 2 }, (_, n) => {
      const kind = KINDS[n % KINDS.length] as Kind;
      return { kind, body: JSON.stringify(kind.body(n)) };
    });
    const { child, ready } = startChild(dataDir);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const acknowledged: Acknowledged[] = [];
    let refused = 0;
    let unanswered = 0;
    try {
      const { url, apiKey } = await ready;
      let next = 0;
      let killed = false;
      const kill = () => {
        if (!killed) child.kill('SIGKILL');
        killed = true;
      };
      const timer = setTimeout(kill, KILL_AFTER_MS);
      const client = async () => {
        for (let n = next++; n < bodies.length && !killed; n = next++) {
          const { kind, body } = bodies[n] as { kind: Kind; body: string };
          try {
            const res = await fetch(`${url}${kind.path}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
              body,
            });
            const answer = (await res.json()) as Record<string, Record<string, unknown>>;
            if (res.status >= 200 && res.status < 300) {
              acknowledged.push({ kind, object: answer[kind.key] as Record<string, unknown> });
              if (acknowledged.length >= KILL_AT_ACKS) kill();
            } else {
              refused += 1;
            }
          } catch {
            // No answer (the process died under this request): not acknowledged, so no promise was made.
            unanswered += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      clearTimeout(timer);
      kill();
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    expect(child.signalCode).toBe('SIGKILL');
    expect(refused).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(20);
    // Killed with requests in flight: some never got an answer (else the kill came too late to test anything).
    expect(unanswered).toBeGreaterThan(0);

    const restarted = await startTestCloud({ dataDir });
    try {
      for (const { kind, object } of acknowledged) {
        const read = await restarted.request('GET', itemPath(kind, object));
        expect({ path: itemPath(kind, object), status: read.status }).toEqual({
          path: itemPath(kind, object),
          status: 200,
        });
        expect(read.body[kind.key]).toEqual(object);
      }
      for (const kind of KINDS) {
        const list = await restarted.request('GET', `${kind.path}?per_page=1`);
        const count = acknowledged.filter((a) => a.kind === kind).length;
        // Creates that were committed but whose answer was lost may be there too; none may be missing.
        expect(list.body.meta.total).toBeGreaterThanOrEqual(count);
      }
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
