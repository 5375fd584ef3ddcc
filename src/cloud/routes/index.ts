import type { CloudContext } from '../cloud-context';
import type { Route } from '../http/router';
import { apiKeyRoutes } from './api-keys';
import { blockRoutes } from './blocks';
import { catalogRoutes } from './catalog';
import { dnsRecordRoutes } from './dns-records';
import { domainRoutes } from './domains';
import { firewallRoutes } from './firewalls';
import { instanceRoutes } from './instances';
import { withOpenApiRoute } from './openapi';
import { snapshotRoutes } from './snapshots';
import { sshKeyRoutes } from './ssh-keys';
import { webhookRoutes } from './webhooks';

/**
 * Every route of the API: one file per resource kind, gathered here (one line each), plus
 * `GET /v1/openapi.json`, the reference generated from all of them.
 */
export function apiRoutes(cloud: CloudContext): Route[] {
  return withOpenApiRoute([
    ...sshKeyRoutes(cloud),
    ...firewallRoutes(cloud),
    ...blockRoutes(cloud),
    ...catalogRoutes(cloud),
    ...instanceRoutes(cloud),
    ...snapshotRoutes(cloud),
    ...domainRoutes(cloud),
    ...dnsRecordRoutes(cloud),
    ...webhookRoutes(cloud),
    ...apiKeyRoutes(cloud),
  ]);
}
