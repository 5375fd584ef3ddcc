import type { LightyearClient } from '../client';
import { asCliError, connect } from './api-connection';
import type { CommandContext } from './command';
import { resolveDataDir } from './data-dir';

/** The options every command that talks to the cloud takes. */
export const connectionOptions = {
  profile: {
    type: 'string',
    valueName: 'NAME',
    description:
      'use the credentials of this profile (see `lyctl profile add`); else LIGHTYEAR_API_KEY, LIGHTYEAR_PROFILE',
  },
  data: {
    type: 'string',
    valueName: 'DIR',
    description: 'data directory of the local cloud to use when no key or profile is given',
  },
} as const;

export const jsonOption = {
  json: { type: 'boolean', description: "print the API's JSON (an array for lists) instead of a table" },
} as const;

export const CONNECTION_NOTE =
  'Credentials: --profile NAME, else LIGHTYEAR_API_KEY (with LIGHTYEAR_ENDPOINT), else LIGHTYEAR_PROFILE, ' +
  'else the local cloud running for the data directory.';

/** Runs `work` with a client for the chosen credentials; client failures become one line and an exit code. */
export async function withClient<T>(
  ctx: CommandContext,
  options: { readonly data?: string; readonly profile?: string },
  work: (client: LightyearClient) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(options.data, ctx.env, ctx.cwd);
  const client = connect(ctx.env, dataDir, options.data === undefined ? undefined : dataDir, options.profile);
  try {
    return await work(client);
  } catch (err) {
    throw asCliError(err);
  } finally {
    await client.close();
  }
}
