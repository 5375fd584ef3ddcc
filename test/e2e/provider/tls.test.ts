/**
 * The provider against a local cloud serving HTTPS (`lyctl local start --tls`): trusted through
 * LIGHTYEAR_CA_CERT or `ca_cert_file`, and one clear error when the certificate is not trusted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const key = generateSshPublicKey('ed25519', { comment: 'tls@example' });

describe('provider over TLS', () => {
  let lw: LightyearWorkspace;
  let caPath: string;

  beforeAll(async () => {
    lw = await createLightyearWorkspace({ tls: true });
    expect(lw.cloud.url.startsWith('https://')).toBe(true);
    caPath = path.join(lw.ws.root, 'local-cloud-ca.pem');
    fs.writeFileSync(caPath, lw.cloud.tlsCertificate!);
    lw.ws.writeFiles({
      'main.tf': `${TERRAFORM_BLOCK}
resource "lightyear_ssh_key" "k" {
  name       = "over-tls"
  public_key = "${key.line}"
}
`,
    });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('refuses a certificate it was not told to trust, in one error', async () => {
    const plan = await lw.tf(['plan', '-no-color', '-input=false']);
    expect(plan.code).not.toBe(0);
    expect(plan.stderr.match(/Error: /g)).toHaveLength(1);
    expect(plan.stderr).toMatch(/certificate is\s+not\s+trusted/);
    expect(plan.stderr).toMatch(/LIGHTYEAR_CA_CERT/);
  });

  it('applies when LIGHTYEAR_CA_CERT names the cloud certificate', async () => {
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_CA_CERT: caPath },
    });
    expect(apply.code).toBe(0);
    expect((await lw.client.sshKeys.listAll({ name: 'over-tls' })).map((k) => k.fingerprint)).toEqual([
      key.fingerprint,
    ]);
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_CA_CERT: caPath },
    });
    expect(plan.code).toBe(0);
  });

  it('says so on ca_cert_file when the file cannot be read', async () => {
    const plan = await lw.tf(['plan', '-no-color', '-input=false'], {
      env: { LIGHTYEAR_CA_CERT: path.join(lw.ws.root, 'missing.pem') },
    });
    expect(plan.code).not.toBe(0);
    expect(plan.stderr).toContain('Cannot read the CA certificate');
    expect(plan.stderr.replace(/\s+/g, ' ')).toContain('LIGHTYEAR_CA_CERT names');
    expect(plan.stderr).toContain('no such file');
    expect(plan.stderr).not.toContain('ENOENT');
  });
});
