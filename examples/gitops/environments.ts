/**
 * What differs between the environments, and nothing else: one `LightyearStack` class builds each of them
 * from its entry here. A change that should reach both goes into the stack class; a change for one goes here.
 */

/** An SSH public key registered with LightYear Cloud for an environment. */
export interface SshKeyConfig {
  /** Registered as `<environment>-<name>`. */
  readonly name: string;
  /** A `.pub` file under `keys/` (public keys only: they are not secrets and belong in the repository). */
  readonly publicKeyFile: string;
}

export interface EnvironmentConfig {
  /** The stack's id (`cdktf deploy <name>`) and the prefix of every name the stack registers. */
  readonly name: string;
  /**
   * The PostgreSQL schema the `pg` backend keeps this stack's state in. One schema per stack: each holds its
   * own `states` table, so dev and prod never share (or lock) each other's state.
   */
  readonly stateSchema: string;
  /** The SSH keys servers of this environment will accept: how many there are is set here. */
  readonly sshKeys: readonly SshKeyConfig[];
  /** Where the servers run. */
  readonly region: string;
  /** How many application servers, each on the cheapest plan with at least `minRamMb` of memory. */
  readonly servers: { readonly count: number; readonly minRamMb: number };
  /** The DNS zone the environment answers under; each server gets `app-<n>` and the apex points at the first. */
  readonly domain: string;
}

export const dev: EnvironmentConfig = {
  name: 'dev',
  stateSchema: 'lightyear_gitops_dev',
  sshKeys: [{ name: 'deploy', publicKeyFile: 'dev-deploy.pub' }],
  region: 'fra',
  servers: { count: 1, minRamMb: 1024 },
  domain: 'dev.gitops.example',
};

export const prod: EnvironmentConfig = {
  name: 'prod',
  stateSchema: 'lightyear_gitops_prod',
  sshKeys: [
    { name: 'deploy', publicKeyFile: 'prod-deploy.pub' },
    // A second key kept offline, so a lost CI key does not lock the team out of production.
    { name: 'break-glass', publicKeyFile: 'prod-break-glass.pub' },
  ],
  region: 'fra',
  servers: { count: 2, minRamMb: 2048 },
  domain: 'gitops.example',
};

/** Every environment, in the order a change is promoted through them. */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [dev, prod];
