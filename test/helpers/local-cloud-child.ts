/**
 * A local cloud in its own process, for tests that must kill it (`kill -9`) or restart it:
 *
 *   node --import tsx test/helpers/local-cloud-child.ts <dataDir>
 *
 * prints one JSON line `{"url": ..., "apiKey": ...}` once it listens, then serves until killed.
 */
import { startLocalCloud } from '../../src/cloud';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: local-cloud-child.ts <dataDir>');
startLocalCloud({ dataDir }).then(
  (cloud) => process.stdout.write(`${JSON.stringify({ url: cloud.url, apiKey: cloud.apiKey })}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
