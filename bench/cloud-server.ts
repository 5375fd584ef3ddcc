/**
 * The server half of `bench/cloud-load.ts`: a local cloud on a data directory (so creates pay for the
 * fsync a real answer promises), without the per-key rate limit, printing `{"url", "apiKey"}` on one line
 * once it listens. Serves until killed.
 *
 *   node --import tsx bench/cloud-server.ts <dataDir>
 */
import { startLocalCloud } from '../src/cloud';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: cloud-server.ts <dataDir>');
startLocalCloud({ dataDir, rateLimitPerMinute: 0 }).then(
  (cloud) => process.stdout.write(`${JSON.stringify({ url: cloud.url, apiKey: cloud.apiKey })}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
