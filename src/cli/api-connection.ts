import fs from 'node:fs';
import { LightyearClient, isLightyearError } from '../client';
import { fileErrorInWords } from '../files/file-error-words';
import { ApiCallError, NoCredentialsError, UnreadableFileError } from './errors';
import { readBootstrapKey, readLocalCloudInfo } from './local-cloud-info';
import { lookUpProfile, profileFilePath, readProfiles } from './profiles';

type Env = Readonly<Record<string, string | undefined>>;

/** Which credentials a command runs with, and where they came from (for `profile show` and error hints). */
export interface Credentials {
  readonly apiKey: string;
  readonly endpoint: string | undefined;
  readonly ca: Buffer | undefined;
  /** `--profile prod`, `LIGHTYEAR_API_KEY`, `LIGHTYEAR_PROFILE=prod`, `local cloud /x/.lightyear`. */
  readonly source: string;
}

/**
 * The credentials for cloud operations, first match wins:
 * 1. `--profile NAME` (said on this very command line, so it beats the environment);
 * 2. `LIGHTYEAR_API_KEY` with `LIGHTYEAR_ENDPOINT` / `LIGHTYEAR_CA_CERT`, as for the provider;
 * 3. `LIGHTYEAR_PROFILE=NAME`;
 * 4. the local cloud running for the data directory.
 * The key is never taken from the command line, where shell history and `ps` would keep it.
 */
export function resolveCredentials(
  env: Env,
  dataDir: string,
  profileFlag: string | undefined,
  /** The data directory named with --data, for the hint when no cloud runs. */
  hintDataDir?: string,
): Credentials {
  if (profileFlag !== undefined) return fromProfile(env, profileFlag, `--profile ${profileFlag}`);
  if (env.LIGHTYEAR_API_KEY) {
    const caPath = env.LIGHTYEAR_CA_CERT;
    return {
      apiKey: env.LIGHTYEAR_API_KEY,
      endpoint: env.LIGHTYEAR_ENDPOINT || undefined,
      ca: caPath ? readCaFile('LIGHTYEAR_CA_CERT names', caPath) : undefined,
      source: 'LIGHTYEAR_API_KEY',
    };
  }
  if (env.LIGHTYEAR_PROFILE) {
    return fromProfile(env, env.LIGHTYEAR_PROFILE, `LIGHTYEAR_PROFILE=${env.LIGHTYEAR_PROFILE}`);
  }
  const info = readLocalCloudInfo(dataDir);
  const apiKey = readBootstrapKey(dataDir);
  if (info === undefined || apiKey === undefined) throw new NoCredentialsError(dataDir, hintDataDir);
  return {
    apiKey,
    endpoint: info.url,
    ca: info.tlsCertPath ? fs.readFileSync(info.tlsCertPath) : undefined,
    source: `the local cloud of ${dataDir}`,
  };
}

function fromProfile(env: Env, name: string, source: string): Credentials {
  const file = profileFilePath(env);
  const profile = lookUpProfile(readProfiles(file), name, file);
  return {
    apiKey: profile.api_key,
    endpoint: profile.endpoint,
    ca: profile.ca_cert === undefined ? undefined : readCaFile(`profile '${name}' names`, profile.ca_cert),
    source,
  };
}

/** A client for the resolved credentials. */
export function connect(
  env: Env,
  dataDir: string,
  hintDataDir?: string,
  profileFlag?: string,
): LightyearClient {
  const credentials = resolveCredentials(env, dataDir, profileFlag, hintDataDir);
  try {
    return new LightyearClient({
      apiKey: credentials.apiKey,
      endpoint: credentials.endpoint,
      ca: credentials.ca,
      userAgent: 'lyctl',
      // A person is waiting: give up on an unreachable cloud after a few seconds, not minutes.
      maxRetries: 2,
      deadlineMs: 60_000,
    });
  } catch (err) {
    throw asCliError(err);
  }
}

function readCaFile(source: string, caPath: string): Buffer {
  try {
    return fs.readFileSync(caPath);
  } catch (err) {
    throw new UnreadableFileError(source, caPath, fileErrorInWords(err));
  }
}

/** A client failure as lyctl's one readable line; anything else stays unexpected. */
export function asCliError(err: unknown): unknown {
  return isLightyearError(err) ? new ApiCallError(err.code, err.message, err.status) : err;
}
