import type { CloudContext } from '../cloud-context';
import type { Route } from '../http/router';
import { sshKeyRoutes } from './ssh-keys';

/** Every route of the API: one file per resource kind, gathered here (one line each). */
export function apiRoutes(cloud: CloudContext): Route[] {
  return [...sshKeyRoutes(cloud)];
}
