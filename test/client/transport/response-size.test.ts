import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LightyearClient } from '../../../src/client/client';
import { LightyearResponseTooLargeError } from '../../../src/client/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../src/client/options';
import { SSH_KEY } from '../helpers/scripted-server';

// A hostile endpoint that streams a body far larger than any API answer: the client must stop reading at
// its limit instead of buffering it all (300 MB once took it to 1 GB of memory).
let server: Server;
let endpoint: string;
let sentBytes = 0;
/** What the server streams, at most: bounded, so the test cannot run away even if the client never stops. */
let streamBytes = 0;
let declareLength = false;

beforeAll(async () => {
  server = createServer((_req, res) => {
    sentBytes = 0;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declareLength) headers['content-length'] = String(streamBytes);
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (sentBytes < streamBytes) {
        sentBytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failureOf(client: LightyearClient): Promise<unknown> {
  try {
    return await client.sshKeys.get(SSH_KEY.id).catch((error: unknown) => error);
  } finally {
    await client.close();
  }
}

describe('response size limit', () => {
  it('stops a streamed body at the default limit with an error naming it', async () => {
    streamBytes = DEFAULT_MAX_RESPONSE_BYTES + 8 * 1024 * 1024;
    declareLength = false;
    const failure = await failureOf(new LightyearClient({ apiKey: 'ly_test_key', endpoint, maxRetries: 0 }));
    expect(failure).toBeInstanceOf(LightyearResponseTooLargeError);
    expect(failure).toMatchObject({ code: 'response_too_large', limitBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect((failure as Error).message).toMatch(
      /larger than the client's limit of 16 MiB \(maxResponseBytes\)/,
    );
    expect(sentBytes).toBeLessThan(streamBytes);
  });

  it('takes another limit from maxResponseBytes, and refuses a declared length at once', async () => {
    streamBytes = 4 * 1024 * 1024;
    declareLength = true;
    const failure = await failureOf(
      new LightyearClient({ apiKey: 'ly_test_key', endpoint, maxRetries: 0, maxResponseBytes: 1024 * 1024 }),
    );
    expect(failure).toMatchObject({ code: 'response_too_large', limitBytes: 1024 * 1024 });
    expect((failure as Error).message).toMatch(/limit of 1 MiB/);
  });

  it('refuses a limit that is not a positive whole number of bytes', () => {
    expect(() => new LightyearClient({ apiKey: 'ly_test_key', endpoint, maxResponseBytes: 0 })).toThrow(
      /maxResponseBytes/,
    );
  });
});
