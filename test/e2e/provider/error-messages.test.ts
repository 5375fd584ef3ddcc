/**
 * Errors a newcomer meets, in their own terms: a public key registered twice is a conflict (not an invalid
 * value), `https://` against the plain-HTTP local cloud says so, and an unreadable CA file says why in words.
 */
import path from 'node:path';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const key = generateSshPublicKey('ed25519', { comment: 'twice@example' });

const oneKey = (providerBlock = 'provider "lightyear" {}') =>
  `${TERRAFORM_BLOCK.replace('provider "lightyear" {}', providerBlock)}
resource "lightyear_ssh_key" "again" {
  name       = "again"
  public_key = "${key.line}"
}
`;

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('error messages', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    lw.ws.writeFiles({ 'main.tf': oneKey() });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('a public key already registered is titled as a conflict, on public_key, with what to do', async () => {
    const existing = await lw.client.sshKeys.create({ name: 'elsewhere', public_key: key.line });
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toContain('Error: SSH key already registered');
    expect(apply.stderr).not.toContain('Invalid public_key');
    expect(apply.stderr).toMatch(
      /on main\.tf line \d+, in resource "lightyear_ssh_key" "again":\s+\d+:\s+public_key =/,
    );
    expect(flat(apply.stderr)).toContain(`already registered as SSH key ${existing.id}`);
    expect(flat(apply.stderr)).toContain(`terraform import <address> ${existing.id}`);
    await lw.client.sshKeys.delete(existing.id);
  });

  it('https:// against the plain-HTTP local cloud says the endpoint speaks plain HTTP', async () => {
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_ENDPOINT: lw.cloud.url.replace(/^http:/, 'https:') },
    });
    expect(plan.code).not.toBe(0);
    expect(plan.stderr.match(/Error: /g)).toHaveLength(1);
    expect(flat(plan.stderr)).toContain('the endpoint speaks plain HTTP, not HTTPS (use http:// in its URL');
  });

  it('an unreadable ca_cert_file is an error on that attribute, in words', async () => {
    const missing = path.join(lw.ws.root, 'no-such-ca.pem');
    lw.ws.writeFiles({ 'main.tf': oneKey(`provider "lightyear" {\n  ca_cert_file = "${missing}"\n}`) });
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('Error: Cannot read the CA certificate');
    expect(plan.stderr).toMatch(/on main\.tf line \d+, in provider "lightyear":\s+\d+:\s+ca_cert_file =/);
    expect(flat(plan.stderr)).toContain(`ca_cert_file names ${missing}: no such file.`);
    expect(plan.stderr).not.toContain('ENOENT');

    lw.ws.writeFiles({ 'main.tf': oneKey(`provider "lightyear" {\n  ca_cert_file = "${lw.ws.root}"\n}`) });
    const directory = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(flat(directory.stderr)).toContain('it is a directory, not a file');
  });
});
