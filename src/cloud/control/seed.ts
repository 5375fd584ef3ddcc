import { ApiError, ConflictError } from '../errors';
import type { Principal } from '../http/context';
import type { Router } from '../http/router';

/** One create request of the demo data set; `needs` names earlier steps whose ids it uses. */
interface SeedStep {
  readonly name: string;
  readonly path: string;
  readonly needs?: readonly string[];
  readonly body: (ids: ReadonlyMap<string, string>) => unknown;
}

/** What the seed made (`kind` is the answer's object key: `ssh_key`, `firewall`, ...) or left out. */
export interface SeedResult {
  readonly created: { readonly step: string; readonly kind: string; readonly id: string }[];
  /** Steps whose route this build does not serve, or that need a skipped step. */
  readonly skipped: string[];
}

const DEMO_DOMAIN = 'example.com';

const ANYWHERE = ['0.0.0.0/0', '::/0'];

/**
 * The demo data set: two SSH keys, a web firewall, an instance using both, and a DNS zone with a record.
 * Public keys only (their private halves were thrown away); addresses from the documentation ranges.
 */
const DEMO_STEPS: readonly SeedStep[] = [
  {
    name: 'alice_key',
    path: '/v1/ssh-keys',
    body: () => ({
      name: 'alice (demo)',
      public_key:
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKbjIR6AuQlVfkUvcIVRwQRcy6CQAUmXnb1zS8BBVktT alice@demo.lightyear.test',
    }),
  },
  {
    name: 'deploy_key',
    path: '/v1/ssh-keys',
    body: () => ({
      name: 'deploy (demo)',
      public_key:
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIu0ZqaD+5z4C/SegEawjJ/TthiFAbn1u87ME7C0RFH2 deploy@demo.lightyear.test',
    }),
  },
  {
    name: 'web_firewall',
    path: '/v1/firewalls',
    body: () => ({
      name: 'web (demo)',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['203.0.113.0/24'] },
        { protocol: 'tcp', ports: '80', sources: ANYWHERE },
        { protocol: 'tcp', ports: '443', sources: ANYWHERE },
        { protocol: 'icmp', sources: ANYWHERE },
      ],
      outbound_rules: [{ protocol: 'tcp', ports: '1-65535', destinations: ANYWHERE }],
    }),
  },
  {
    name: 'web_instance',
    path: '/v1/instances',
    needs: ['alice_key', 'deploy_key', 'web_firewall'],
    body: (ids) => ({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'ubuntu-24.04',
      label: 'web-1',
      ssh_key_ids: [ids.get('alice_key'), ids.get('deploy_key')],
      firewall_id: ids.get('web_firewall'),
      tags: ['demo'],
    }),
  },
  { name: 'demo_domain', path: '/v1/domains', body: () => ({ domain: DEMO_DOMAIN }) },
  {
    name: 'www_record',
    path: `/v1/domains/${DEMO_DOMAIN}/records`,
    needs: ['demo_domain'],
    body: () => ({ type: 'A', name: 'www', data: '203.0.113.10', ttl: 300 }),
  },
];

/**
 * Creates the demo data set through the API's own route handlers, so it is validated, canonical and
 * emits its events like any create. Runs in one transaction (`inTransaction`): all of it or none. A kind
 * this build does not serve yet is skipped and reported, so the seed grows with the API. Seeding twice
 * is a 409: the demo keys exist already.
 */
export function seedDemoData(
  router: Router,
  principal: Principal,
  requestId: string,
  inTransaction: (work: () => SeedResult) => SeedResult,
): SeedResult {
  try {
    return inTransaction(() => runSteps(router, principal, requestId));
  } catch (error) {
    // The first clash says which demo object is already there; the transaction undid the rest.
    if (!(error instanceof ApiError) || error.code !== 'conflict') throw error;
    throw new ConflictError(
      `The demo data set is already there (${error.message}); POST /_local/reset first to seed again.`,
      error.details,
    );
  }
}

function runSteps(router: Router, principal: Principal, requestId: string): SeedResult {
  const ids = new Map<string, string>();
  const result: SeedResult = { created: [], skipped: [] };
  for (const step of DEMO_STEPS) {
    const match = router.match('POST', step.path);
    if (match.kind !== 'found' || (step.needs ?? []).some((need) => !ids.has(need))) {
      result.skipped.push(step.name);
      continue;
    }
    const reply = match.route.handler({
      params: match.params,
      query: new URLSearchParams(),
      body: step.body(ids),
      principal,
      requestId,
    });
    if (reply instanceof Promise) throw new Error(`seed step ${step.name} has an asynchronous handler`);
    const [kind, created] =
      Object.entries(reply.body as Record<string, { id?: string; domain?: string }>)[0] ?? [];
    const id = created?.id ?? created?.domain;
    if (kind === undefined || id === undefined) throw new Error(`seed step ${step.name} created nothing`);
    ids.set(step.name, id);
    result.created.push({ step: step.name, kind, id });
  }
  return result;
}
