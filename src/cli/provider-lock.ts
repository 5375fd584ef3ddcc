import { execFile } from 'node:child_process';
import { ProviderLockError } from './errors';
import { PROVIDER_PLATFORMS } from './provider-package';
import { PROVIDER_SOURCE } from './terraform-cli-config';

export interface LockProviderOptions {
  /** The Terraform working directory whose `.terraform.lock.hcl` is written (its configuration must
   * require lightyear/lightyear). */
  readonly workDir: string;
  /** The filesystem mirror `installProvider` wrote. */
  readonly mirrorDir: string;
  readonly platforms?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Records the provider's hash for every platform in the working directory's `.terraform.lock.hcl`, by
 * `terraform providers lock` against our mirror only. A plain `terraform init` from a mirror records just
 * this machine's platform and warns the lock is incomplete, and the fix it suggests asks the public registry;
 * this asks nothing of the network. Naming our provider leaves the lock entries of other providers alone.
 * Returns terraform's output.
 */
export function lockProvider(options: LockProviderOptions): Promise<string> {
  const args = [
    'providers',
    'lock',
    '-no-color',
    `-fs-mirror=${options.mirrorDir}`,
    ...(options.platforms ?? PROVIDER_PLATFORMS).map((platform) => `-platform=${platform}`),
    PROVIDER_SOURCE,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'terraform',
      args,
      { cwd: options.workDir, env: { ...options.env, CHECKPOINT_DISABLE: '1' } },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
        } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new ProviderLockError('terraform is not on the PATH; install Terraform 1.11 or later'));
        } else {
          const output = `${stdout}${stderr}`.trim();
          reject(new ProviderLockError(`terraform providers lock failed in ${options.workDir}:\n${output}`));
        }
      },
    );
  });
}
