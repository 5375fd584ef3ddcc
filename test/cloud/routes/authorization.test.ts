/**
 * Authentication and authorization of every route of the live route table, derived from the table itself:
 * a route added later is covered without touching this file. For each route: no key and an unknown key
 * are 401, a key holding everything except what the route needs is 403, and a key holding only what the
 * route needs gets past both (whatever the handler then says about the dummy ids and empty body).
 */
import { API_KEY_PERMISSIONS, createdApiKeyResponseSchema, errorEnvelopeSchema } from '../../../src/api';
import { generateApiKeySecret } from '../../../src/cloud';
import { CloudClock } from '../../../src/cloud/clock';
import { Router, type Route } from '../../../src/cloud/http/router';
import { INSTANT_DURATIONS, LifecycleEngine } from '../../../src/cloud/lifecycle';
import { grants } from '../../../src/cloud/permissions';
import { apiRoutes } from '../../../src/cloud/routes';
import { Store } from '../../../src/cloud/store';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

/** The table as the cloud builds it, read once from a throwaway in-memory store. */
function liveRoutes(): Route[] {
  const store = Store.open();
  try {
    const clock = new CloudClock();
    const lifecycle = new LifecycleEngine(
      INSTANT_DURATIONS,
      () => clock.nowIso(),
      (work) => store.transaction(work),
    );
    return apiRoutes({ store, clock, lifecycle, webhookTargets: { allowPrivateTargets: false } });
  } finally {
    store.close();
  }
}

const ROUTES = liveRoutes();
const ROUTER = new Router(ROUTES);
/** A path parameter no resource has, so a request that gets past auth cannot change anything. */
const DUMMY_PARAM = 'zz-authz-probe';
const ANY_KEY_PERMISSION = 'account:read';

function concretePath(route: Route): string {
  return route.path.replace(/:[A-Za-z_]+/g, DUMMY_PARAM);
}

const cases = ROUTES.map((route) => ({
  name: `${route.method} ${route.path} (${route.permission ?? 'any valid key'})`,
  route,
}));

let cloud: TestCloud;
/** Secrets by the permission list they hold, created once per distinct list. */
const keys = new Map<string, string>();

beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

async function keyWith(permissions: readonly string[]): Promise<string> {
  const id = permissions.join(',');
  const existing = keys.get(id);
  if (existing !== undefined) return existing;
  const res = await cloud.request('POST', '/account/api-keys', {
    body: { name: `authz ${id}`, permissions },
  });
  expect(res.status).toBe(201);
  const { secret } = createdApiKeyResponseSchema.parse(res.body);
  keys.set(id, secret);
  return secret;
}

function send(route: Route, apiKey: string | null): Promise<TestResponse> {
  const hasBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
  return cloud.request(route.method, concretePath(route).slice('/v1'.length), {
    apiKey,
    ...(hasBody ? { body: {} } : {}),
  });
}

function expectCode(res: TestResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(errorEnvelopeSchema.parse(res.body).error.code).toBe(code);
}

it('walks a table with the API keys routes and more in it', () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(4);
  expect(ROUTES.some((r) => r.path === '/v1/account/api-keys' && r.method === 'POST')).toBe(true);
  for (const route of ROUTES) {
    expect(route.path.startsWith('/v1/')).toBe(true);
    if (route.permission !== undefined) expect(API_KEY_PERMISSIONS).toContain(route.permission);
  }
});

describe.each(cases)('$name', ({ route }) => {
  it('is the route its concrete path reaches', () => {
    const match = ROUTER.match(route.method, concretePath(route));
    expect(match.kind === 'found' ? match.route : undefined).toBe(route);
  });

  it('answers 401 without a key and with an unknown key', async () => {
    expectCode(await send(route, null), 401, 'authentication_failed');
    expectCode(await send(route, generateApiKeySecret()), 401, 'authentication_failed');
  });

  if (route.permission !== undefined) {
    const needed = route.permission;
    it(`answers 403 to a key with every permission but what ${needed} needs`, async () => {
      const others = API_KEY_PERMISSIONS.filter((p) => p !== '*' && !grants([p], needed));
      const res = await send(route, await keyWith(others));
      expectCode(res, 403, 'forbidden');
      expect(res.body.error.details.required_permission).toBe(needed);
    });
  }

  it('lets a key with only the permission it needs past authentication and authorization', async () => {
    const res = await send(route, await keyWith([route.permission ?? ANY_KEY_PERMISSION]));
    expect([401, 403]).not.toContain(res.status);
  });
});
