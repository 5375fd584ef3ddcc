import path from 'node:path';

/** Where lyctl keeps the local cloud's data, the provider mirror and the Terraform CLI config, by default. */
export const DEFAULT_DATA_DIR = '.lightyear';

/**
 * The data directory, as an absolute path: `--data` if given, else `$LIGHTYEAR_HOME`, else `./.lightyear`.
 * The default is relative to the working directory, like Terraform's `.terraform`, so each project gets its
 * own local cloud and nothing lands in the home directory unasked.
 */
export function resolveDataDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  const chosen =
    flag ?? (env.LIGHTYEAR_HOME === undefined || env.LIGHTYEAR_HOME === '' ? undefined : env.LIGHTYEAR_HOME);
  return path.resolve(cwd, chosen ?? DEFAULT_DATA_DIR);
}
