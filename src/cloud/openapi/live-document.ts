import { CloudClock } from '../clock';
import type { CloudContext } from '../cloud-context';
import type { Route } from '../http/router';
import { INSTANT_DURATIONS, LifecycleEngine } from '../lifecycle';
import { apiRoutes } from '../routes';
import { Store } from '../store';
import { buildOpenApiDocument } from './document';
import type { OpenApiDocument } from './types';

/** Where the generated reference is committed, relative to the repository root. */
export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * Runs `use` with the cloud's live route table, built over a throwaway in-memory store exactly as
 * `startLocalCloud` builds it, without serving anything.
 */
export function withLiveRouteTable<T>(use: (routes: readonly Route[]) => T): T {
  const store = Store.open();
  try {
    const clock = new CloudClock();
    const lifecycle = new LifecycleEngine(
      INSTANT_DURATIONS,
      () => clock.nowIso(),
      (work) => store.transaction(work),
    );
    const cloud: CloudContext = {
      store,
      clock,
      lifecycle,
      webhookTargets: { allowPrivateTargets: false },
    };
    return use(apiRoutes(cloud));
  } finally {
    store.close();
  }
}

/** The OpenAPI document of the live route table: what `GET /v1/openapi.json` answers. */
export function liveOpenApiDocument(): OpenApiDocument {
  return withLiveRouteTable(buildOpenApiDocument);
}

/** `{ 'docs/openapi.json': text }`, for `npm run generate` and its drift test. */
export function generatedOpenApiFiles(): Record<string, string> {
  return { [OPENAPI_FILE]: `${JSON.stringify(liveOpenApiDocument(), null, 2)}\n` };
}
