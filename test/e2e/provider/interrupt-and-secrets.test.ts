/**
 * What a user does to a running provider: Ctrl-C in the middle of an apply, and TF_LOG=trace with the API
 * key in the environment. Neither may leave a mess or a secret behind.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const key = generateSshPublicKey('ed25519', { comment: 'interrupt@example' });

const config = `${TERRAFORM_BLOCK}
resource "lightyear_ssh_key" "slow" {
  name       = "slow"
  public_key = "${key.line}"
}
`;

/**
 * Stands between the provider and the cloud and holds every create until the caller hangs up, so an apply
 * is reliably in flight when the test presses Ctrl-C. Nothing held ever reaches the cloud.
 */
async function startStallingProxy(
  target: string,
): Promise<{ url: string; stalled: Promise<void>; close(): Promise<void> }> {
  const upstream = new URL(target);
  let markStalled: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (markStalled = resolve));
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      markStalled();
      req.resume();
      return; // never answered: the client must give up by itself
    }
    const proxied = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    stalled,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Ctrl-C during an apply', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': config });
    const init = await lw.tf(['init', '-no-color', '-input=false']);
    expect(init.code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('stops cleanly: the provider cancels its call, nothing is created, no socket is left', async () => {
    const proxy = await startStallingProxy(lw.cloud.url);
    try {
      const started = Date.now();
      const apply = lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], {
        env: { LIGHTYEAR_ENDPOINT: proxy.url },
        log: 'debug',
        onStart: (child) => {
          void proxy.stalled.then(() => process.kill(-child.pid!, 'SIGINT'));
        },
      });
      const result = await apply;
      expect(result.timedOut).toBe(false);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/Interrupt received/);
      expect(result.stderr).toContain('interrupted');
      const all = result.stdout + result.stderr + result.log;
      expect(all).not.toMatch(
        /plugin did not respond|Unrecognized remote plugin message|failed to shutdown|plugin failed to exit|unexpected EOF|panic:/i,
      );
      expect(await lw.client.sshKeys.listAll()).toEqual([]);
      const state = await lw.tf(['state', 'list']);
      expect(state.stdout.trim()).toBe('');
      expect(lw.leftoverSockets()).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('secrets', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': config.replace('"slow"', '"traced"') });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('the API key never appears in TF_LOG=trace output of a plan, apply and destroy', async () => {
    for (const args of [
      ['plan', '-no-color', '-input=false'],
      ['apply', '-auto-approve', '-no-color', '-input=false'],
      ['destroy', '-auto-approve', '-no-color', '-input=false'],
    ]) {
      const run = await lw.tf(args, { log: 'trace' });
      expect(run.code).toBe(0);
      expect(run.log.length).toBeGreaterThan(10_000); // the trace really was captured
      expect(run.log).toContain('GRPCProvider.v6: '); // ...including the calls into our provider
      for (const output of [run.log, run.stdout, run.stderr]) expect(output).not.toContain(lw.cloud.apiKey);
    }
  });

  it('an api_key given in the provider block is redacted in plans and absent from state', async () => {
    lw.ws.writeFiles({
      'main.tf': config
        .replace('provider "lightyear" {}', 'provider "lightyear" {\n  api_key = var.api_key\n}')
        .concat('\nvariable "api_key" {\n  type      = string\n  sensitive = true\n}\n'),
    });
    const run = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_API_KEY: '', TF_VAR_api_key: lw.cloud.apiKey },
      log: 'trace',
    });
    expect(run.code).toBe(0);
    for (const output of [run.stdout, run.stderr, run.log]) expect(output).not.toContain(lw.cloud.apiKey);
    const state = await lw.tf(['show', '-json']);
    expect(state.stdout).not.toContain(lw.cloud.apiKey);
  });
});
