import { spawnSync } from 'node:child_process';
import { PROVIDER_BUNDLE } from './lightyear-workspace';

describe('terraform-provider-lightyear started by hand', () => {
  it('prints one line saying what it is and how to install it, and exits 1', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_PLUGIN')));
    const run = spawnSync(process.execPath, [PROVIDER_BUNDLE], { env, encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Terraform provider');
    expect(lines[0]).toContain('lyctl provider install');
  });
});
