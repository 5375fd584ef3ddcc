/**
 * Every example on a reference page runs: each `docs/examples/resources/<type>.tf` and
 * `docs/examples/data-sources/<type>.tf` is planned and applied with the real terraform and provider against a
 * local cloud, from a home directory holding the key pair the examples read. Data-source examples find what
 * a user's account would already hold: an SSH key named "deploy", registered through the API beforehand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readReferenceExamples } from '../../../src/codegen/reference-examples';
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

const root = path.resolve(__dirname, '..', '..', '..');
const examples = [
  ...Object.entries(readReferenceExamples(root, 'resources')).map(([type, hcl]) => ['resource', type, hcl]),
  ...Object.entries(readReferenceExamples(root, 'data-sources')).map(([type, hcl]) => [
    'data source',
    type,
    hcl,
  ]),
];

describe.each(examples)('the reference example of %s %s', (kind, type, example) => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
    const sshDir = path.join(lw.ws.homeDir, '.ssh');
    fs.mkdirSync(sshDir, { recursive: true });
    fs.writeFileSync(path.join(sshDir, 'id_ed25519.pub'), `${generateSshPublicKey('ed25519').line}\n`);
    if (kind === 'data source')
      await lw.client.sshKeys.create({ name: 'deploy', public_key: generateSshPublicKey('ed25519').line });
    lw.ws.writeFiles({ 'main.tf': `${TERRAFORM_BLOCK}\n${example}` });
    expect((await lw.tf(['init', '-no-color', '-input=false'])).code).toBe(0);
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('applies, and plans no change after', async () => {
    const apply = await lw.tf(['apply', '-auto-approve', '-no-color', '-input=false']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain(kind === 'data source' ? `data.${type}.` : `${type}.`);
    const plan = await lw.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
  });
});
