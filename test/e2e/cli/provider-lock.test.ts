/**
 * A lock file a team can share: `lyctl provider lock` records the provider for linux and darwin on amd64 and
 * arm64 from the local mirror, and `terraform init` from that lock file in a clean directory installs the
 * provider with no incomplete-lock warning and without asking any registry (a dead proxy would fail it).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROVIDER_PLATFORMS, providerPackageDir } from '../../../src/cli/provider-package';
import { terraformH1Hash } from '../../cli/terraform-dirhash';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const LYCTL = path.join(ROOT, 'bin', 'lyctl');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

const MAIN_TF =
  'terraform {\n  required_providers {\n    lightyear = { source = "lightyear/lightyear" }\n  }\n}\n';
const INCOMPLETE = 'Incomplete lock file information';

let scratch: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-lock-'));
  for (const dir of ['home', 'tmp', 'data']) fs.mkdirSync(path.join(scratch, dir));
  env = {
    PATH: process.env.PATH,
    HOME: path.join(scratch, 'home'),
    TMPDIR: path.join(scratch, 'tmp'),
    TF_CLI_CONFIG_FILE: path.join(scratch, 'data', 'terraform.rc'),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // Any registry request goes nowhere: a command that needs one fails instead of quietly asking.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
  };
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

function workDir(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
  return dir;
}

describe('lyctl provider lock', () => {
  it('writes a lock file for four platforms that a clean terraform init takes without warning', async () => {
    const dataDir = path.join(scratch, 'data');
    // Without it: init from the mirror locks this platform only, and says so.
    const plain = workDir('plain');
    await run(process.execPath, [LYCTL, 'provider', 'install', '--data', dataDir], { cwd: plain, env });
    const plainInit = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: plain, env });
    expect(plainInit.stdout + plainInit.stderr).toContain(INCOMPLETE);

    const team = workDir('team');
    const locked = await run(process.execPath, [LYCTL, 'provider', 'lock', '--data', dataDir], {
      cwd: team,
      env,
    });
    expect(locked.stdout).toBe(
      `Locked registry.terraform.io/lightyear/lightyear ${VERSION} for linux_amd64, linux_arm64, ` +
        `darwin_amd64, darwin_arm64 in ${path.join(team, '.terraform.lock.hcl')}\n`,
    );
    for (const platform of PROVIDER_PLATFORMS) {
      expect(locked.stderr).toContain(`checksums for ${platform};`);
    }
    const lock = fs.readFileSync(path.join(team, '.terraform.lock.hcl'), 'utf8');
    const hashes = lock.match(/"h1:[^"]+"/g);
    const mirror = path.join(dataDir, 'providers');
    const packageHashes = PROVIDER_PLATFORMS.map((platform) =>
      terraformH1Hash(providerPackageDir(mirror, VERSION, platform)),
    );
    // One package, one hash: identical on every platform.
    expect(new Set(packageHashes).size).toBe(1);
    expect(hashes).toEqual([`"${packageHashes[0]}"`]);

    // A teammate's clean checkout: the configuration and the lock file, nothing else.
    const clean = path.join(scratch, 'clean');
    fs.mkdirSync(clean);
    for (const file of ['main.tf', '.terraform.lock.hcl']) {
      fs.copyFileSync(path.join(team, file), path.join(clean, file));
    }
    const init = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: clean, env });
    expect(init.stdout).toContain(`Installed lightyear/lightyear v${VERSION}`);
    expect(init.stdout + init.stderr).not.toContain(INCOMPLETE);
    expect(init.stdout + init.stderr).not.toMatch(/warning/i);
    expect(fs.readFileSync(path.join(clean, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
  });

  it('says what terraform said when the directory has no configuration for the provider', async () => {
    const empty = path.join(scratch, 'empty');
    fs.mkdirSync(empty);
    const result = await run(
      process.execPath,
      [LYCTL, 'provider', 'lock', '--data', path.join(scratch, 'data'), '--dir', empty],
      { cwd: scratch, env },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(result?.code).toBe(1);
    expect(result?.stderr).toContain(`lyctl: terraform providers lock failed in ${empty}:\n`);
    expect(result?.stderr).toContain('is not required by the');
    expect(fs.existsSync(path.join(empty, '.terraform.lock.hcl'))).toBe(false);
  });
});
