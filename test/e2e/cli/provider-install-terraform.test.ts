import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { installProvider } from '../../../src/cli/provider-package';
import { terraformH1Hash } from '../../cli/terraform-dirhash';

const run = promisify(execFile);
const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

// Three terraform runs.
jest.setTimeout(60_000);

// A stand-in provider: it records that Terraform started it through the launcher, then exits. Packaging and
// installation are under test here, not the provider.
const MARKER_BUNDLE = [
  "require('node:fs').appendFileSync(process.env.LYCTL_TEST_MARKER, JSON.stringify({",
  '  cookie: process.env.TF_PLUGIN_MAGIC_COOKIE !== undefined, main: __filename }) + "\\n");',
  'process.exit(1);',
  '',
].join('\n');

let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-tf-'));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

function terraformEnv(cliConfigPath: string, marker: string): NodeJS.ProcessEnv {
  const home = path.join(scratch, 'home');
  const tmp = path.join(scratch, 'tmp');
  fs.mkdirSync(home);
  fs.mkdirSync(tmp);
  return {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: tmp,
    TF_CLI_CONFIG_FILE: cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    LYCTL_TEST_MARKER: marker,
  };
}

describe('provider install, as Terraform sees it', () => {
  it('terraform init installs from the mirror, locks our h1 hash, and runs the launcher', async () => {
    const bundlePath = path.join(scratch, 'bundle.js');
    fs.writeFileSync(bundlePath, MARKER_BUNDLE);
    const installed = installProvider({ dataDir: path.join(scratch, 'data'), bundlePath, version: '0.0.7' });
    const expectedHash = terraformH1Hash(installed.packageDir);

    const workDir = path.join(scratch, 'work');
    fs.mkdirSync(workDir);
    fs.writeFileSync(
      path.join(workDir, 'main.tf'),
      'terraform {\n  required_providers {\n    lightyear = {\n      source  = "lightyear/lightyear"\n' +
        '      version = "0.0.7"\n    }\n  }\n}\n',
    );
    const marker = path.join(scratch, 'marker.jsonl');
    const env = terraformEnv(installed.cliConfigPath, marker);

    const init = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: workDir, env });
    expect(init.stdout).toContain('Installing lightyear/lightyear v0.0.7');
    expect(init.stderr).not.toContain('Warning');
    const lock = fs.readFileSync(path.join(workDir, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain('provider "registry.terraform.io/lightyear/lightyear"');
    expect(lock.match(/"h1:[^"]+"/g)).toEqual([`"${expectedHash}"`]);
    expect(fs.existsSync(marker)).toBe(false);

    // Reinstalling the same build keeps the lock valid: a second init with the lock in place passes.
    expect(
      installProvider({ dataDir: path.join(scratch, 'data'), bundlePath, version: '0.0.7' }).changed,
    ).toBe(false);
    await run('terraform', ['init', '-input=false', '-no-color'], { cwd: workDir, env });

    // Any command that needs the schema starts the provider: our stand-in exits at once, so it fails, but
    // only after Terraform ran the launcher, which ran the bundle on Node with Terraform's plugin cookie.
    await expect(run('terraform', ['providers', 'schema', '-json'], { cwd: workDir, env })).rejects.toThrow();
    const starts = fs
      .readFileSync(marker, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cookie: boolean; main: string });
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts) {
      expect(start.cookie).toBe(true);
      expect(path.basename(start.main)).toBe('lightyear-provider.js');
    }
  });
});

describe('lyctl provider install', () => {
  it('installs, then reports up to date, and prints the CLI config to use', async () => {
    const bundlePath = path.join(scratch, 'bundle.js');
    fs.writeFileSync(bundlePath, MARKER_BUNDLE);
    const dataDir = path.join(scratch, 'data');
    const args = [LYCTL, 'provider', 'install', '--data', dataDir, '--bundle', bundlePath];
    const configLine = `TF_CLI_CONFIG_FILE=${path.join(dataDir, 'terraform.rc')}\n`;
    const mirror = path.join(dataDir, 'providers');

    const first = await run(process.execPath, args, { cwd: scratch });
    expect(first.stdout).toMatch(
      new RegExp(`^Installed registry.terraform.io/lightyear/lightyear \\S+ in ${mirror}\n`),
    );
    expect(first.stdout.endsWith(configLine)).toBe(true);
    const second = await run(process.execPath, args, { cwd: scratch });
    expect(second.stdout).toContain(`in ${mirror} is up to date\n`);
    expect(second.stderr).toBe('');

    fs.appendFileSync(bundlePath, '// another build\n');
    const third = await run(process.execPath, args, { cwd: scratch });
    expect(third.stdout).toMatch(/^Installed /);
    expect(third.stderr).toContain('replaced a different build of the same version');
  });
});
