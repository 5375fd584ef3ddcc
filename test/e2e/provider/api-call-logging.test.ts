/**
 * Logs a person can use: at TF_LOG=debug one line per API call, saying what it was for; at trace the
 * bodies, with no secret in them; retries as warnings with their reason.
 */
import type { LoggedRequest } from '../../../src/api';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const key = generateSshPublicKey('ed25519', { comment: 'logged@example' });

const config = `${TERRAFORM_BLOCK}
resource "lightyear_ssh_key" "logged" {
  name       = "logged-key"
  public_key = "${key.line}"
}
`;

/** The provider's API-call lines of a TF_LOG capture. */
function apiLines(log: string, level: 'DEBUG' | 'TRACE' | 'WARN'): string[] {
  return log.split('\n').filter((line) => line.includes(`[${level}]`) && line.includes(': API call '));
}

function field(line: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}=("(?:[^"\\\\]|\\\\.)*"|\\S+)`).exec(line)?.[1];
}

describe('API calls in TF_LOG', () => {
  let lw: LightyearWorkspace;

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${lw.cloud.origin}/_local${path}`, {
      method,
      headers: { authorization: `Bearer ${lw.cloud.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function cloudRequests(): Promise<LoggedRequest[]> {
    const answer = (await (await control('GET', '/requests')).json()) as { requests: LoggedRequest[] };
    return answer.requests;
  }

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': config });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('debug: one line per API call with method, path, status, request id, duration, attempt and what it was for', async () => {
    expect((await control('DELETE', '/requests')).status).toBe(204);
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], { log: 'debug' });
    expect(apply.code).toBe(0);
    const lines = apiLines(apply.log, 'DEBUG');
    const served = await cloudRequests();
    // Exactly one line for each request the cloud served, matched by request id.
    expect(lines.map((line) => field(line, 'request_id')).sort()).toEqual(
      served.map((r) => r.request_id).sort(),
    );
    const create = lines.find((line) => line.includes('API call POST /ssh-keys -> 201'));
    expect(create).toBeDefined();
    for (const [name, value] of [
      ['http_method', 'POST'],
      ['http_path', '/ssh-keys'],
      ['http_status', '201'],
      ['attempt', '1'],
      ['tf_operation', 'create'],
      ['tf_resource_type', 'lightyear_ssh_key'],
      ['tf_resource_name', 'logged-key'],
    ]) {
      expect(field(create!, name!)).toBe(value);
    }
    expect(Number(field(create!, 'duration_ms'))).toBeGreaterThanOrEqual(0);
    const configure = lines.find((line) => field(line, 'tf_operation') === 'configure');
    expect(configure).toContain('API call GET /ssh-keys -> 200');

    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { log: 'debug' });
    expect(plan.code).toBe(0);
    const [id] = (await lw.client.sshKeys.listAll()).map((k) => k.id);
    const read = apiLines(plan.log, 'DEBUG').find((line) =>
      line.includes(`API call GET /ssh-keys/${id} -> 200`),
    );
    expect(read).toBeDefined();
    expect(field(read!, 'tf_operation')).toBe('read');
    expect(field(read!, 'tf_resource_id')).toBe(id);
    // Bodies are for trace only.
    expect(plan.log).not.toContain('response_body');
  });

  it('warns of each retry with its reason and what the call was for', async () => {
    expect(
      (await control('POST', '/faults', { method: 'GET', path: '/v1/ssh-keys/*', count: 1, status: 503 }))
        .status,
    ).toBeLessThan(300);
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], { log: 'warn' });
    expect(plan.code).toBe(0);
    const [retry, ...more] = apiLines(plan.log, 'WARN');
    expect(more).toEqual([]);
    // max_retries defaults to 5 (the provider block's documented default).
    expect(retry).toMatch(/API call GET \/ssh-keys\/sshk_\w+ failed \(HTTP 503\); retry 1\/5 in \d+ ms/);
    expect(field(retry!, 'reason')).toBe('"HTTP 503"');
    expect(field(retry!, 'tf_resource_type')).toBe('lightyear_ssh_key');
  });

  it('trace: request and answer bodies, and never the API key', async () => {
    const destroy = await lw.tf(['destroy', '-auto-approve', '-no-color', '-input=false'], { log: 'trace' });
    expect(destroy.code).toBe(0);
    const bodies = apiLines(destroy.log, 'TRACE').filter((line) => line.includes(' bodies'));
    expect(bodies.length).toBeGreaterThanOrEqual(3); // configure, refresh, delete
    const refresh = bodies.find((line) => line.includes('API call GET /ssh-keys/sshk_'));
    expect(refresh).toContain('response_body=');
    expect(refresh).toContain(key.fingerprint);
    for (const output of [destroy.log, destroy.stdout, destroy.stderr])
      expect(output).not.toContain(lw.cloud.apiKey);
    expect(destroy.log).not.toMatch(/ly_[0-9A-Za-z]{40}/);
  });
});
