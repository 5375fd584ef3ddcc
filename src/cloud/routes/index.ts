import type { CloudContext } from '../cloud-context';
import type { Route } from '../http/router';
import { blockRoutes } from './blocks';
import { firewallRoutes } from './firewalls';
import { withOpenApiRoute } from './openapi';
import { sshKeyRoutes } from './ssh-keys';

/**
 * Every route of the API: one file per resource kind, gathered here (one line each), plus
 * `GET /v1/openapi.json`, the reference generated from all of them.
 */
export function apiRoutes(cloud: CloudContext): Route[] {
  return withOpenApiRoute([...sshKeyRoutes(cloud), ...firewallRoutes(cloud), ...blockRoutes(cloud)]);
}
