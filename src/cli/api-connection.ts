import fs from 'node:fs';
import { LightyearClient, isLightyearError } from '../client';
import { fileErrorInWords } from '../files/file-error-words';
import { ApiCallError, NoCredentialsError, UnreadableFileError } from './errors';
import { readBootstrapKey, readLocalCloudInfo } from './local-cloud-info';

/**
 * The client for cloud operations: `LIGHTYEAR_API_KEY` / `LIGHTYEAR_ENDPOINT` / `LIGHTYEAR_CA_CERT` when the
 * key is set (as for the provider), otherwise the local cloud running for the data directory. The key is
 * never taken from the command line, where shell history and `ps` would keep it.
 */
export function connect(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  /** The data directory named with --data, for the hint when no cloud runs. */
  hintDataDir?: string,
): LightyearClient {
  const options = (() => {
    if (env.LIGHTYEAR_API_KEY) {
      const caPath = env.LIGHTYEAR_CA_CERT;
      return {
        apiKey: env.LIGHTYEAR_API_KEY,
        endpoint: env.LIGHTYEAR_ENDPOINT || undefined,
        ca: caPath ? readCaFile(caPath) : undefined,
      };
    }
    const info = readLocalCloudInfo(dataDir);
    const apiKey = readBootstrapKey(dataDir);
    if (info === undefined || apiKey === undefined) throw new NoCredentialsError(dataDir, hintDataDir);
    return {
      apiKey,
      endpoint: info.url,
      ca: info.tlsCertPath ? fs.readFileSync(info.tlsCertPath) : undefined,
    };
  })();
  try {
    return new LightyearClient({ ...options, userAgent: 'lyctl' });
  } catch (err) {
    throw asCliError(err);
  }
}

function readCaFile(caPath: string): Buffer {
  try {
    return fs.readFileSync(caPath);
  } catch (err) {
    throw new UnreadableFileError('LIGHTYEAR_CA_CERT names', caPath, fileErrorInWords(err));
  }
}

/** A client failure as lyctl's one readable line; anything else stays unexpected. */
export function asCliError(err: unknown): unknown {
  return isLightyearError(err) ? new ApiCallError(err.code, err.message) : err;
}
