/**
 * Issue 7's fault test: with the local cloud failing a fifth of the requests (5xx, dropped connections and
 * 429 with Retry-After; some failures strike after the request was handled, so only the idempotency key
 * keeps a retry from making a second object), apply and destroy of 50 objects of mixed kinds succeed, and
 * the API afterwards holds exactly what the state says: no duplicate, nothing left behind.
 */
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, type LightyearWorkspace } from './lightyear-workspace';
import { expectEmptyPlan, mustRun, stateValues, type Workspace } from './resource-test';

const KEYS = 8;
const FIREWALLS = 4;
const SERVERS = 10;
const VOLUMES = 5;
const RECORDS = 17;
// + 5 attachments + 1 domain = 50
const TOTAL = KEYS + FIREWALLS + SERVERS + VOLUMES * 2 + 1 + RECORDS;

let lw: LightyearWorkspace;
let ws: Workspace;

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${lw.cloud.origin}/_local${path}`, {
    method,
    headers: {
      authorization: `Bearer ${lw.cloud.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_local${path}: HTTP ${res.status}`);
}

/** How many requests the armed faults have struck so far, by kind (status, drop), after-handling ones apart. */
async function faultHits(): Promise<Record<string, number>> {
  const res = await fetch(`${lw.cloud.origin}/_local/faults`, {
    headers: { authorization: `Bearer ${lw.cloud.apiKey}` },
  });
  const { faults } = (await res.json()) as {
    faults: { count: number; remaining: number; status: number | null; after_handling: boolean }[];
  };
  const hits: Record<string, number> = {};
  for (const f of faults) {
    const kind = `${f.status ?? 'drop'}${f.after_handling ? ' after handling' : ''}`;
    hits[kind] = (hits[kind] ?? 0) + f.count - f.remaining;
  }
  return hits;
}

/** About a fifth of all API requests fail, in every way a network and a busy API fail. */
async function armFaults(seed: number): Promise<void> {
  const every = { method: '*', path: '/v1*', count: 10_000 };
  await control('POST', '/faults', { ...every, status: 503, probability: 0.05, seed });
  await control('POST', '/faults', {
    ...every,
    status: 500,
    probability: 0.03,
    seed: seed + 1,
    after_handling: true,
  });
  await control('POST', '/faults', { ...every, drop: true, probability: 0.04, seed: seed + 2 });
  await control('POST', '/faults', {
    ...every,
    drop: true,
    probability: 0.03,
    seed: seed + 3,
    after_handling: true,
  });
  await control('POST', '/faults', {
    ...every,
    status: 429,
    retry_after: 1,
    probability: 0.06,
    seed: seed + 4,
  });
}

function configuration(): string {
  const blocks: string[] = [
    `terraform {
  required_providers {
    lightyear = { source = "lightyear/lightyear" }
  }
}

provider "lightyear" {
  # A fifth of the requests fail here: give each call room to be retried.
  max_retries = 12
}
`,
  ];
  for (let i = 0; i < KEYS; i++) {
    const key = generateSshPublicKey('ed25519', { comment: `k${i}@faults` });
    blocks.push(`resource "lightyear_ssh_key" "k${i}" {
  name       = "k${i}"
  public_key = "${key.line}"
}`);
  }
  for (let i = 0; i < FIREWALLS; i++)
    blocks.push(`resource "lightyear_firewall" "f${i}" {
  name = "f${i}"
  inbound_rules = [
    { protocol = "tcp", ports = "${22 + i}", sources = ["0.0.0.0/0", "::/0"] },
  ]
}`);
  for (let i = 0; i < SERVERS; i++)
    blocks.push(`resource "lightyear_instance" "s${i}" {
  label       = "s${i}"
  region      = "ams"
  plan        = "vc2-1c-1gb"
  image       = "debian-12"
  ssh_key_ids = [lightyear_ssh_key.k${i % KEYS}.id]
  firewall_id = lightyear_firewall.f${i % FIREWALLS}.id
}`);
  for (let i = 0; i < VOLUMES; i++)
    blocks.push(`resource "lightyear_block_storage" "v${i}" {
  label   = "v${i}"
  region  = "ams"
  size_gb = 10
}

resource "lightyear_block_storage_attachment" "a${i}" {
  block_id    = lightyear_block_storage.v${i}.id
  instance_id = lightyear_instance.s${i}.id
}`);
  blocks.push(`resource "lightyear_dns_domain" "zone" {
  domain = "faults.example"
}`);
  for (let i = 0; i < RECORDS; i++)
    blocks.push(`resource "lightyear_dns_record" "r${i}" {
  domain = lightyear_dns_domain.zone.domain
  type   = "A"
  name   = "host${i}"
  data   = lightyear_instance.s${i % SERVERS}.ipv4
}`);
  return blocks.join('\n\n') + '\n';
}

/** Every object of the account by kind, read with faults disarmed. */
async function inventory(): Promise<Record<string, string[]>> {
  const c = lw.client;
  const all = async <T extends { id: string }>(pages: AsyncIterable<T>) => {
    const ids: string[] = [];
    for await (const item of pages) ids.push(item.id);
    return ids.sort();
  };
  const domains = await all(
    (async function* () {
      for await (const d of c.domains.iterate()) yield { ...d, id: d.domain };
    })(),
  );
  const records: string[] = [];
  for (const domain of domains) records.push(...(await all(c.dnsRecords(domain).iterate())));
  return {
    lightyear_ssh_key: await all(c.sshKeys.iterate()),
    lightyear_firewall: await all(c.firewalls.iterate()),
    lightyear_instance: await all(c.instances.iterate()),
    lightyear_block_storage: await all(c.blocks.iterate()),
    lightyear_dns_domain: domains,
    lightyear_dns_record: records.sort(),
  };
}

beforeAll(async () => {
  lw = await createLightyearWorkspace();
  ws = { writeFiles: (f) => lw.ws.writeFiles(f), tf: (a, o) => lw.tf(a, o) };
  ws.writeFiles({ 'main.tf': configuration() });
  await mustRun(ws, ['init', '-no-color', '-input=false']);
});

afterAll(async () => {
  await lw.dispose();
});

it(`applies and destroys ${TOTAL} objects of mixed kinds while a fifth of the requests fail`, async () => {
  expect(TOTAL).toBe(50);
  await armFaults(20261203);
  await mustRun(ws, ['apply', '-auto-approve', '-no-color', '-input=false']);
  await expectEmptyPlan(ws, 'the apply under faults');
  // The faults really struck, every kind of them (counts vary with the requests' order, not with luck: seeded).
  const hits = await faultHits();
  for (const kind of ['503', '500 after handling', 'drop', 'drop after handling', '429'])
    expect({ kind, struck: (hits[kind] ?? 0) > 0 }).toEqual({ kind, struck: true });
  expect(Object.values(hits).reduce((a, b) => a + b, 0)).toBeGreaterThan(40);
  await control('DELETE', '/faults');

  // The API holds exactly what the state records: every object once, nothing else.
  const state = await stateValues(ws);
  const inState: Record<string, string[]> = {};
  for (const [address, values] of Object.entries(state)) {
    const type = address.split('.')[0]!;
    if (type === 'lightyear_block_storage_attachment') continue;
    (inState[type] ??= []).push(String(values.id));
  }
  for (const ids of Object.values(inState)) ids.sort();
  expect(await inventory()).toEqual(inState);
  let attached = 0;
  for await (const block of lw.client.blocks.iterate()) if (block.attached_to_instance_id) attached++;
  expect(attached).toBe(VOLUMES);

  await armFaults(1203);
  await mustRun(ws, ['destroy', '-auto-approve', '-no-color', '-input=false']);
  expect(Object.values(await faultHits()).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  await control('DELETE', '/faults');
  const left = await inventory();
  expect(Object.values(left).flat()).toEqual([]);
});
