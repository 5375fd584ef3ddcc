/**
 * A hung endpoint is not a hung pipeline: against a server that accepts connections and never answers,
 * `terraform plan` fails within `request_timeout`, with a message naming the endpoint.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const key = generateSshPublicKey('ed25519', { comment: 'timeout@example' });

/** Accepts every connection, reads what it is sent, and never writes a byte back. */
async function startSilentServer(): Promise<{
  url: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    connections: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const config = (
  providerBlock: string,
) => `${TERRAFORM_BLOCK.replace('provider "lightyear" {}', providerBlock)}
resource "lightyear_ssh_key" "k" {
  name       = "k"
  public_key = "${key.line}"
}
`;

describe('request_timeout', () => {
  let lw: LightyearWorkspace;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    silent = await startSilentServer();
    lw.ws.writeFiles({ 'main.tf': config('provider "lightyear" {\n  request_timeout = "3s"\n}') });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await silent.close();
    await lw.dispose();
  });

  it('ends a plan against a server that never answers within the configured deadline, naming the endpoint', async () => {
    const started = Date.now();
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_ENDPOINT: silent.url },
      log: 'debug',
    });
    const took = Date.now() - started;
    expect(plan.timedOut).toBe(false);
    expect(plan.code).not.toBe(0);
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
    // 3 s for the one call that fails (configuration checks the key first), plus Terraform's own start-up
    // on a busy machine; without the deadline this plan took 2 min 37 s.
    expect(took).toBeLessThan(3_000 + 25_000);
    expect(plan.stderr.match(/Error: /g)).toHaveLength(1);
    const stderr = plan.stderr.replace(/\s+/g, ' ');
    expect(stderr).toContain(`no answer from ${silent.url} within 3 s, the deadline for one API call`);
    expect(stderr).toContain('request_timeout');
    // The attempt is logged with what it was for, and was cut at the deadline, not before or long after.
    const line = plan.log.split('\n').find((l) => l.includes('API call GET /ssh-keys -> deadline passed'));
    expect(line).toBeDefined();
    expect(line).toContain('tf_operation=configure');
    const attemptMs = Number(/duration_ms=(\d+)/.exec(line!)?.[1]);
    expect(attemptMs).toBeGreaterThanOrEqual(2_900);
    expect(attemptMs).toBeLessThan(4_500);
  });

  it('falls back to LIGHTYEAR_REQUEST_TIMEOUT, checked when the provider is configured', async () => {
    lw.ws.writeFiles({ 'main.tf': config('provider "lightyear" {}') });
    const started = Date.now();
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_ENDPOINT: silent.url, LIGHTYEAR_REQUEST_TIMEOUT: '1500ms' },
    });
    expect(plan.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(1_500 + 25_000);
    expect(plan.stderr.replace(/\s+/g, ' ')).toContain(`no answer from ${silent.url} within 1.5 s`);

    const bad = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_REQUEST_TIMEOUT: '90' },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid request timeout');
    expect(bad.stderr.replace(/\s+/g, ' ')).toContain(
      'LIGHTYEAR_REQUEST_TIMEOUT must be a duration such as "30s"',
    );
  });

  it('refuses a request_timeout that is not a duration at validation, on the attribute, before any call', async () => {
    lw.ws.writeFiles({ 'main.tf': config('provider "lightyear" {\n  request_timeout = "30"\n}') });
    const before = silent.connections();
    const validate = await lw.tf(['validate', '-no-color']);
    expect(validate.code).not.toBe(0);
    expect(validate.stderr).toContain('Error: Invalid request_timeout');
    expect(validate.stderr).toMatch(
      /on main\.tf line \d+, in provider "lightyear":\s+\d+:\s+request_timeout = "30"/,
    );
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_ENDPOINT: silent.url },
    });
    expect(plan.stderr).toContain('Error: Invalid request_timeout');
    expect(silent.connections()).toBe(before);
  });
});
