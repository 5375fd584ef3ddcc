import type { Route } from '../http/router';
import type { Store } from '../store';
import { sshKeyRoutes } from './ssh-keys';

/** Every route of the API: one file per resource kind, gathered here. */
export function apiRoutes(store: Store): Route[] {
  return [...sshKeyRoutes(store.sshKeys)];
}
