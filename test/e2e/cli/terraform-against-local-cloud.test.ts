import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

// One lyctl start, then terraform init, apply and destroy, each starting the provider several times.
jest.setTimeout(120_000);

let scratch: string;
let dataDir: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-tf-flow-'));
  dataDir = path.join(scratch, 'data');
});

afterEach(async () => {
  await run(process.execPath, [LYCTL, 'local', 'stop', '--data', dataDir]).catch(() => undefined);
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** SSH wire encoding of a string: uint32 length, then the bytes. */
function sshString(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function ed25519PublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} e2e@lyctl`;
}

describe('eval "$(lyctl local env)" then plain terraform', () => {
  it('applies and destroys a hand-written configuration against the local cloud', async () => {
    const started = await run(process.execPath, [LYCTL, 'local', 'start', '--port', '0', '--data', dataDir]);
    const url = /^Endpoint: (\S+)$/m.exec(started.stdout)![1]!;
    const apiKey = /^API key: +(\S+)$/m.exec(started.stdout)![1]!;

    const workDir = path.join(scratch, 'work');
    fs.mkdirSync(workDir);
    fs.writeFileSync(
      path.join(workDir, 'main.tf'),
      [
        'terraform {',
        '  required_providers {',
        '    lightyear = { source = "lightyear/lightyear" }',
        '  }',
        '}',
        'resource "lightyear_ssh_key" "deploy" {',
        '  name       = "e2e"',
        `  public_key = "${ed25519PublicKey()}"`,
        '}',
        'output "fingerprint" { value = lightyear_ssh_key.deploy.fingerprint }',
        '',
      ].join('\n'),
    );
    const home = path.join(scratch, 'home');
    fs.mkdirSync(home);
    // Only what a fresh shell has: no LightYear or Terraform settings of the machine leak in.
    const shellEnv = { PATH: process.env.PATH, HOME: home, TMPDIR: scratch };
    const lyctl = `${JSON.stringify(process.execPath)} ${JSON.stringify(LYCTL)}`;
    const script = [
      `eval "$(${lyctl} local env --data ${JSON.stringify(dataDir)})"`,
      'terraform init -input=false -no-color >/dev/null',
      'terraform apply -auto-approve -input=false -no-color >/dev/null',
      'terraform output -raw fingerprint',
    ].join(' && ');
    const applied = await run('/bin/sh', ['-c', script], { cwd: workDir, env: shellEnv });
    expect(applied.stdout).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

    const listed = await fetch(`${url}/ssh-keys`, { headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await listed.json()) as { ssh_keys: { name: string; fingerprint: string }[] };
    expect(body.ssh_keys).toEqual([expect.objectContaining({ name: 'e2e', fingerprint: applied.stdout })]);

    const destroy = [
      `eval "$(${lyctl} local env --data ${JSON.stringify(dataDir)})"`,
      'terraform destroy -auto-approve -input=false -no-color >/dev/null',
    ].join(' && ');
    await run('/bin/sh', ['-c', destroy], { cwd: workDir, env: shellEnv });
    const after = await fetch(`${url}/ssh-keys`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(((await after.json()) as { ssh_keys: unknown[] }).ssh_keys).toEqual([]);
  });
});
