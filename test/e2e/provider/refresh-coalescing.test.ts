/**
 * Refresh coalescing under the real terraform: a refresh of 200 SSH keys reads them from list pages, counted
 * through the local cloud's request log, and a key deleted behind Terraform's back still leaves the state.
 */
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';
import { mustRun } from './resource-test';

const COUNT = 200;

let lw: LightyearWorkspace;

async function control(method: string, path: string): Promise<{ requests?: { path: string }[] }> {
  const base = lw.cloud.url.replace(/\/v1$/, '');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${lw.cloud.apiKey}` },
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.status === 204 ? {} : ((await res.json()) as { requests: { path: string }[] });
}

beforeAll(async () => {
  lw = await createLightyearWorkspace();
  const resources = Array.from({ length: COUNT }, (_, i) => {
    const key = generateSshPublicKey('ed25519', { comment: `k${i}@example` });
    return `resource "lightyear_ssh_key" "k${i}" {\n  name       = "k${i}"\n  public_key = "${key.line}"\n}\n`;
  });
  lw.ws.writeFiles({ 'main.tf': `${TERRAFORM_BLOCK}\n${resources.join('\n')}` });
  await mustRun({ writeFiles: (f) => lw.ws.writeFiles(f), tf: (a, o) => lw.tf(a, o) }, [
    'init',
    '-no-color',
    '-input=false',
  ]);
  await mustRun({ writeFiles: (f) => lw.ws.writeFiles(f), tf: (a, o) => lw.tf(a, o) }, [
    'apply',
    '-auto-approve',
    '-no-color',
    '-input=false',
  ]);
});

afterAll(async () => {
  await lw?.dispose();
});

describe('refresh of many objects of one kind', () => {
  it(`reads ${COUNT} keys in at most 20 API calls, and plans no change`, async () => {
    await control('DELETE', '/_local/requests');
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
    const { requests = [] } = await control('GET', '/_local/requests');
    const sshKeyCalls = requests.filter((r) => r.path.startsWith('/v1/ssh-keys'));
    expect(sshKeyCalls.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(20);
  });

  it('drops a key deleted outside Terraform from the state, under coalescing', async () => {
    const {
      items: [victim],
    } = await lw.client.sshKeys.list({ per_page: 1 });
    await lw.client.sshKeys.delete(victim!.id);
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  });
});
