/**
 * The catalog and SSH key data sources through the real terraform, our provider and the local cloud over HTTP:
 * every look-up mode with its outputs, spellings that mean the same id, each mistake as a diagnostic on the
 * attribute that made it (at validate when it can be known there, at plan when only the catalog knows), and a
 * data source feeding a resource.
 */
import { generateSshPublicKey } from '../../helpers/ssh-keys';
import { createLightyearWorkspace, TERRAFORM_BLOCK, type LightyearWorkspace } from './lightyear-workspace';

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  /** The configuration line Terraform underlines. */
  readonly line: string;
}

interface JsonDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  snippet?: { code?: string };
}

function toDiagnostic(d: JsonDiagnostic): Diagnostic {
  return { severity: d.severity, summary: d.summary, detail: d.detail ?? '', line: d.snippet?.code ?? '' };
}

/** `terraform validate -json`'s diagnostics. */
async function validate(lw: LightyearWorkspace, dir: string): Promise<Diagnostic[]> {
  const result = await lw.tf([`-chdir=${dir}`, 'validate', '-json', '-no-color']);
  const json = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  return json.diagnostics.map(toDiagnostic);
}

/** `terraform plan -json`'s diagnostics (one JSON object per line). */
async function planDiagnostics(lw: LightyearWorkspace, dir: string): Promise<Diagnostic[]> {
  const result = await lw.tf([`-chdir=${dir}`, 'plan', '-json', '-no-color', '-input=false']);
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; diagnostic?: JsonDiagnostic })
    .filter((m) => m.type === 'diagnostic' && m.diagnostic?.severity === 'error')
    .map((m) => toDiagnostic(m.diagnostic!));
}

async function mustSucceed(lw: LightyearWorkspace, args: string[]) {
  const result = await lw.tf(args);
  if (result.code !== 0)
    throw new Error(`terraform ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function init(lw: LightyearWorkspace, dir: string, config: string): Promise<void> {
  lw.ws.writeFiles({ [`${dir}/main.tf`]: `${TERRAFORM_BLOCK}\n${config}` });
  await mustSucceed(lw, [`-chdir=${dir}`, 'init', '-no-color', '-input=false']);
}

async function outputs(lw: LightyearWorkspace, dir: string): Promise<Record<string, unknown>> {
  const result = await mustSucceed(lw, [`-chdir=${dir}`, 'output', '-json']);
  const json = JSON.parse(result.stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v.value]));
}

async function applyThenPlanEmpty(lw: LightyearWorkspace, dir: string): Promise<void> {
  await mustSucceed(lw, [`-chdir=${dir}`, 'apply', '-auto-approve', '-no-color', '-input=false']);
  const plan = await lw.tf([`-chdir=${dir}`, 'plan', '-detailed-exitcode', '-no-color', '-input=false']);
  expect(plan.stdout).toContain('No changes.');
  expect(plan.code).toBe(0);
}

describe('catalog and SSH key data sources', () => {
  let lw: LightyearWorkspace;

  beforeAll(async () => {
    lw = await createLightyearWorkspace();
  });

  afterAll(async () => {
    await lw.dispose();
  });

  it('looks up regions, plans and images in every mode and spelling, then plans no change', async () => {
    await init(
      lw,
      'lookups',
      `
data "lightyear_region" "ams" {
  id = " AMS "
}

data "lightyear_plan" "by_id" {
  id = "VC2-2C-4GB"
}

data "lightyear_plan" "cheapest_in_ams" {
  region = "ams"
}

data "lightyear_plan" "small_in_sfo" {
  region         = "SFO"
  min_vcpu_count = 2
  min_ram_mb     = 4096
}

data "lightyear_plan" "big_disk_in_ams" {
  region      = "ams"
  min_disk_gb = 60
}

data "lightyear_image" "ubuntu" {
  family = "Ubuntu"
}

data "lightyear_image" "debian_12" {
  id = "debian-12"
}

output "region" { value = data.lightyear_region.ams }
output "plan_by_id" { value = data.lightyear_plan.by_id }
output "cheapest_in_ams" { value = data.lightyear_plan.cheapest_in_ams.id }
output "small_in_sfo" { value = data.lightyear_plan.small_in_sfo }
output "big_disk_in_ams" { value = data.lightyear_plan.big_disk_in_ams.id }
output "ubuntu" { value = data.lightyear_image.ubuntu }
output "debian_12" { value = data.lightyear_image.debian_12 }
`,
    );
    await applyThenPlanEmpty(lw, 'lookups');
    const out = await outputs(lw, 'lookups');
    expect(out.region).toEqual({
      id: 'ams',
      city: 'Amsterdam',
      country: 'NL',
      features: ['block_storage', 'ipv6'],
    });
    expect(out.plan_by_id).toEqual({
      id: 'vc2-2c-4gb',
      region: null,
      min_vcpu_count: null,
      min_ram_mb: null,
      min_disk_gb: null,
      vcpu_count: 2,
      ram_mb: 4096,
      disk_gb: 80,
      bandwidth_tb: 3,
      monthly_cost_usd: 20,
      regions: ['ams', 'fra', 'lon', 'nyc', 'sfo', 'sgp', 'syd', 'tyo'],
    });
    expect(out.cheapest_in_ams).toBe('vc2-1c-1gb');
    expect(out.small_in_sfo).toMatchObject({
      id: 'vc2-2c-4gb',
      region: 'sfo',
      min_vcpu_count: 2,
      min_ram_mb: 4096,
      vcpu_count: 2,
      ram_mb: 4096,
    });
    // The cheapest with 60 GB is high-frequency vhf-1c-2gb (64 GB, $12), not vc2-2c-4gb (80 GB, $20).
    expect(out.big_disk_in_ams).toBe('vhf-1c-2gb');
    expect(out.ubuntu).toEqual({
      id: 'ubuntu-24.04',
      family: 'ubuntu',
      name: 'Ubuntu 24.04 LTS x64',
      arch: 'x86_64',
    });
    expect(out.debian_12).toEqual({
      id: 'debian-12',
      family: 'debian',
      name: 'Debian 12 x64 (bookworm)',
      arch: 'x86_64',
    });
  });

  it('refuses conflicting, missing and computed-only arguments at validate, on the attribute', async () => {
    await init(
      lw,
      'invalid',
      `
data "lightyear_plan" "both" {
  id     = "vc2-1c-1gb"
  region = "ams"
}

data "lightyear_plan" "no_region" {
  min_vcpu_count = 2
}

data "lightyear_image" "nothing" {
}

data "lightyear_ssh_key" "both" {
  id   = "sshk_abc"
  name = "laptop"
}

data "lightyear_ssh_key" "bad_id" {
  id = "inst_abc"
}

data "lightyear_region" "city" {
  id   = "ams"
  city = "Amsterdam"
}

data "lightyear_plan" "negative" {
  region     = "ams"
  min_ram_mb = -1
}

data "lightyear_region" "spaced" {
  id = "am s"
}
`,
    );
    const diagnostics = await validate(lw, 'invalid');
    const on = (summary: string) =>
      diagnostics.filter((d) => d.summary === summary).map((d) => d.line.trim());
    expect(on('Conflicting look-up arguments').sort()).toEqual(['name = "laptop"', 'region = "ams"']);
    expect(on('Missing argument region')).toHaveLength(1);
    expect(diagnostics.find((d) => d.summary === 'Missing argument region')!.detail).toContain(
      '`min_vcpu_count` also needs `region`',
    );
    const missing = diagnostics.find((d) => d.summary === 'Missing look-up argument');
    expect(missing?.detail).toBe('lightyear_image needs something to look for: set `id`, or `family`.');
    // Terraform validates data sources concurrently: their diagnostics come in no set order.
    expect(on('Invalid id').sort()).toEqual(['id = "am s"', 'id = "inst_abc"']);
    expect(on("Can't configure city")).toEqual(['city = "Amsterdam"']);
    expect(on('Invalid min_ram_mb')).toEqual(['min_ram_mb = -1']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(8);
  });

  it('says what exists when nothing matches, on the argument that asked', async () => {
    await init(
      lw,
      'no-match',
      `
data "lightyear_region" "mars" {
  id = "mars"
}

data "lightyear_plan" "huge_in_sfo" {
  region         = "sfo"
  min_vcpu_count = 8
}

data "lightyear_plan" "nowhere" {
  region = "xyz"
}

data "lightyear_image" "arch" {
  family = "archlinux"
}

data "lightyear_image" "old_ubuntu" {
  id = "ubuntu-18.04"
}
`,
    );
    const diagnostics = await planDiagnostics(lw, 'no-match');
    const find = (summary: string, line: string) =>
      diagnostics.find((d) => d.summary === summary && d.line.trim() === line);
    expect(find('No such region', 'id = "mars"')?.detail).toContain(
      'Regions: ams, fra, lon, nyc, sfo, sgp, syd, tyo.',
    );
    expect(find('No such region', 'region = "xyz"')).toBeDefined();
    const huge = find('No plan matches', 'min_vcpu_count = 8');
    expect(huge?.detail).toContain('The most vCPUs a plan in sfo has is 4');
    expect(huge?.detail).toContain('vc2-8c-32gb in ams, fra, nyc');
    expect(find('No such image family', 'family = "archlinux"')?.detail).toContain(
      'Families: almalinux, debian, fedora, rocky, ubuntu.',
    );
    expect(find('No such image', 'id = "ubuntu-18.04"')?.detail).toContain(
      'Images of the ubuntu family: ubuntu-22.04, ubuntu-24.04.',
    );
    expect(diagnostics).toHaveLength(5);
  });

  describe('lightyear_ssh_key', () => {
    const deployKey = generateSshPublicKey('ed25519', { comment: 'deploy@ci' });
    const copyKey = generateSshPublicKey('ed25519', { comment: 'copy@ci' });

    it('finds a key made by another configuration by name, and feeds a resource with it', async () => {
      await init(
        lw,
        'keys',
        `
resource "lightyear_ssh_key" "deploy" {
  name       = "ci-deploy"
  public_key = "${deployKey.line}"
}
`,
      );
      await mustSucceed(lw, ['-chdir=keys', 'apply', '-auto-approve', '-no-color', '-input=false']);
      const [created] = await lw.client.sshKeys.listAll({ name: 'ci-deploy' });

      await init(
        lw,
        'consumer',
        `
data "lightyear_ssh_key" "deploy" {
  name = " ci-deploy "
}

data "lightyear_ssh_key" "by_id" {
  id = data.lightyear_ssh_key.deploy.id
}

resource "lightyear_ssh_key" "copy" {
  name       = "\${data.lightyear_ssh_key.deploy.name}-copy"
  public_key = "${copyKey.line}"
}

output "deploy" { value = data.lightyear_ssh_key.deploy }
output "by_id_fingerprint" { value = data.lightyear_ssh_key.by_id.fingerprint }
`,
      );
      await applyThenPlanEmpty(lw, 'consumer');
      const out = await outputs(lw, 'consumer');
      expect(out.deploy).toEqual({
        id: created!.id,
        name: 'ci-deploy',
        public_key: deployKey.line,
        fingerprint: deployKey.fingerprint,
        created_at: created!.created_at,
      });
      expect(out.by_id_fingerprint).toBe(deployKey.fingerprint);
      expect(await lw.client.sshKeys.listAll({ name: 'ci-deploy-copy' })).toHaveLength(1);
    });

    it('reads a key made in the same apply once it exists (Terraform defers the read)', async () => {
      const sameApply = generateSshPublicKey('ed25519', { comment: 'same@apply' });
      await init(
        lw,
        'same-apply',
        `
resource "lightyear_ssh_key" "made" {
  name       = "made-here"
  public_key = "${sameApply.line}"
}

data "lightyear_ssh_key" "made" {
  name = lightyear_ssh_key.made.name
}

output "same_id" { value = data.lightyear_ssh_key.made.id == lightyear_ssh_key.made.id }
`,
      );
      await applyThenPlanEmpty(lw, 'same-apply');
      expect((await outputs(lw, 'same-apply')).same_id).toBe(true);
    });

    it('refuses a name several keys carry, a name no key carries and an id that does not exist', async () => {
      const twin = generateSshPublicKey('ed25519', { comment: 'twin' });
      await lw.client.sshKeys.create({ name: 'ci-deploy', public_key: twin.line });
      await init(
        lw,
        'key-errors',
        `
data "lightyear_ssh_key" "twins" {
  name = "ci-deploy"
}

data "lightyear_ssh_key" "typo" {
  name = "CI-Deploy"
}

data "lightyear_ssh_key" "gone" {
  id = "sshk_doesnotexist"
}
`,
      );
      const diagnostics = await planDiagnostics(lw, 'key-errors');
      const find = (summary: string) => diagnostics.find((d) => d.summary === summary);
      expect(find('Several SSH keys have this name')).toMatchObject({ line: '  name = "ci-deploy"' });
      expect(find('Several SSH keys have this name')!.detail).toMatch(
        /^2 SSH keys are named "ci-deploy": sshk_/,
      );
      expect(find('No SSH key with this name')).toMatchObject({ line: '  name = "CI-Deploy"' });
      expect(find('No SSH key with this name')!.detail).toContain(
        'Similar names: "ci-deploy", "ci-deploy-copy".',
      );
      expect(find('No such SSH key')).toMatchObject({ line: '  id = "sshk_doesnotexist"' });
      expect(diagnostics).toHaveLength(3);
    });
  });
});
