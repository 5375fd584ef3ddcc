import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnsupportedPlatformError } from '../../src/cli/errors';
import {
  installProvider,
  launcherFileName,
  launcherScript,
  PROVIDER_BUNDLE_FILE,
  PROVIDER_CLIENT_FILE,
  providerPackageDir,
  terraformPlatform,
} from '../../src/cli/provider-package';
import { terraformCliConfig } from '../../src/cli/terraform-cli-config';
import { terraformH1Hash } from './terraform-dirhash';

// A stand-in provider program: it only reports how it was started, which is all packaging is about.
const BUNDLE_SOURCE =
  'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), main: __filename }));\n';

let scratch: string;
let bundlePath: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-package-'));
  bundlePath = path.join(scratch, 'provider.js');
  fs.writeFileSync(bundlePath, BUNDLE_SOURCE);
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

function install(dataDir: string, extra: { bundlePath?: string; mirrorDir?: string } = {}) {
  return installProvider({ dataDir, bundlePath, version: '1.2.3', platform: 'linux_amd64', ...extra });
}

/** Every file of a directory tree with its bytes and mode, for byte-for-byte comparison. */
function snapshot(dir: string): Record<string, { content: string; mode: number }> {
  const result: Record<string, { content: string; mode: number }> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    const stat = fs.statSync(full);
    if (stat.isFile()) result[name] = { content: fs.readFileSync(full, 'base64'), mode: stat.mode & 0o777 };
  }
  return result;
}

describe('terraformPlatform', () => {
  it("uses Terraform's OS and architecture names", () => {
    expect(terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(terraformPlatform('linux', 'arm64')).toBe('linux_arm64');
    expect(terraformPlatform('darwin', 'x64')).toBe('darwin_amd64');
    expect(terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
  });

  it('refuses platforms it cannot launch on', () => {
    expect(() => terraformPlatform('win32', 'x64')).toThrow(UnsupportedPlatformError);
    expect(() => terraformPlatform('linux', 'ia32')).toThrow(/linux\/ia32/);
  });
});

describe('launcherScript', () => {
  it('execs the Node on the PATH on the bundle beside it, naming nothing of this machine', () => {
    expect(launcherScript('1.2.3')).toBe(
      [
        '#!/bin/sh',
        `# LightYear Terraform provider 1.2.3: runs ${PROVIDER_BUNDLE_FILE} beside this file on Node.`,
        `exec node "\${0%/*}/${PROVIDER_BUNDLE_FILE}" "$@"`,
        '',
      ].join('\n'),
    );
  });
});

describe('installProvider', () => {
  it('lays out the unpacked mirror with fixed modes and writes the CLI config', () => {
    const dataDir = path.join(scratch, 'data');
    const result = install(dataDir);

    const mirrorDir = path.join(dataDir, 'providers');
    const packageDir = path.join(mirrorDir, 'registry.terraform.io/lightyear/lightyear/1.2.3/linux_amd64');
    const packageDirs = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'].map((platform) =>
      providerPackageDir(mirrorDir, '1.2.3', platform),
    );
    expect(result).toEqual({
      mirrorDir,
      packageDir,
      packageDirs,
      cliConfigPath: path.join(dataDir, 'terraform.rc'),
      version: '1.2.3',
      changed: true,
      replacedPrevious: false,
    });
    expect(providerPackageDir(mirrorDir, '1.2.3', 'linux_amd64')).toBe(packageDir);
    expect(snapshot(packageDir)).toEqual({
      [launcherFileName('1.2.3')]: {
        content: Buffer.from(launcherScript('1.2.3')).toString('base64'),
        mode: 0o755,
      },
      [PROVIDER_BUNDLE_FILE]: { content: Buffer.from(BUNDLE_SOURCE).toString('base64'), mode: 0o644 },
    });
    // The same package for every platform a team uses, so they share one lock hash.
    for (const dir of packageDirs) {
      expect(snapshot(dir)).toEqual(snapshot(packageDir));
      expect(terraformH1Hash(dir)).toBe(terraformH1Hash(packageDir));
    }
    expect(fs.readFileSync(result.cliConfigPath, 'utf8')).toBe(terraformCliConfig(mirrorDir));
  });

  it('keeps the data directory 0700 and terraform.rc 0600, tightening a directory others could read', () => {
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(dataDir);
    fs.chmodSync(dataDir, 0o755);
    const notes: string[] = [];
    const result = installProvider({
      dataDir,
      bundlePath,
      version: '1.2.3',
      platform: 'linux_amd64',
      note: (line) => notes.push(line),
    });
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(result.cliConfigPath).mode & 0o777).toBe(0o600);
    expect(notes.join('\n')).toMatch(/was open to other users/);
  });

  it('produces identical bytes and lock hash on every install, wherever the mirror is', () => {
    const first = install(path.join(scratch, 'a'));
    const again = install(path.join(scratch, 'a'));
    const elsewhere = install(path.join(scratch, 'b'), { mirrorDir: path.join(scratch, 'other-mirror') });

    expect(again.changed).toBe(false);
    expect(again.replacedPrevious).toBe(false);
    expect(elsewhere.changed).toBe(true);
    expect(snapshot(elsewhere.packageDir)).toEqual(snapshot(first.packageDir));
    expect(terraformH1Hash(elsewhere.packageDir)).toBe(terraformH1Hash(first.packageDir));
    expect(terraformH1Hash(first.packageDir)).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });

  it('does not let the umask decide the modes', () => {
    const previous = process.umask(0o077);
    try {
      const result = install(path.join(scratch, 'data'));
      const modes = Object.values(snapshot(result.packageDir)).map((file) => file.mode);
      expect(modes.sort()).toEqual([0o644, 0o755]);
    } finally {
      process.umask(previous);
    }
  });

  it('repairs drifted modes and removes stray files, since the lock hash covers the whole directory', () => {
    const dataDir = path.join(scratch, 'data');
    const clean = install(dataDir);
    const hash = terraformH1Hash(clean.packageDir);

    fs.chmodSync(path.join(clean.packageDir, launcherFileName('1.2.3')), 0o700);
    expect(install(dataDir).changed).toBe(true);
    expect(fs.statSync(path.join(clean.packageDir, launcherFileName('1.2.3'))).mode & 0o777).toBe(0o755);

    fs.writeFileSync(path.join(clean.packageDir, '.terraform-provider-lightyear_v1.2.3.999.tmp'), 'half');
    fs.mkdirSync(path.join(clean.packageDir, 'junk'));
    expect(install(dataDir).changed).toBe(true);
    expect(terraformH1Hash(clean.packageDir)).toBe(hash);
    expect(install(dataDir).changed).toBe(false);
  });

  it('reports a different build of the same version as replacing the previous one', () => {
    const dataDir = path.join(scratch, 'data');
    const before = install(dataDir);
    const hashBefore = terraformH1Hash(before.packageDir);

    fs.appendFileSync(bundlePath, '// changed\n');
    const after = install(dataDir);
    expect(after.changed).toBe(true);
    expect(after.replacedPrevious).toBe(true);
    expect(terraformH1Hash(after.packageDir)).not.toBe(hashBefore);
  });

  it('rewrites a CLI config that does not match, without touching the package', () => {
    const dataDir = path.join(scratch, 'data');
    const first = install(dataDir);
    fs.writeFileSync(first.cliConfigPath, 'stale');
    const second = install(dataDir);
    expect(second.changed).toBe(true);
    expect(second.replacedPrevious).toBe(false);
    expect(fs.readFileSync(first.cliConfigPath, 'utf8')).toBe(terraformCliConfig(first.mirrorDir));
  });

  it('packages the client file built beside the bundle, where the bundle requires it from', () => {
    fs.writeFileSync(bundlePath, `process.stdout.write(require('./${PROVIDER_CLIENT_FILE}').answer);\n`);
    fs.writeFileSync(path.join(scratch, PROVIDER_CLIENT_FILE), "exports.answer = 'client loaded';\n");
    const result = install(path.join(scratch, 'data'));
    expect(Object.keys(snapshot(result.packageDir)).sort()).toEqual(
      [launcherFileName('1.2.3'), PROVIDER_BUNDLE_FILE, PROVIDER_CLIENT_FILE].sort(),
    );
    expect(snapshot(result.packageDir)[PROVIDER_CLIENT_FILE]?.mode).toBe(0o644);
    const launcher = path.join(result.packageDir, launcherFileName('1.2.3'));
    expect(execFileSync(launcher, [], { encoding: 'utf8' })).toBe('client loaded');
  });

  it('builds a launcher that runs the bundle, also through a link to the package directory', () => {
    const result = install(path.join(scratch, 'data'));
    const launcher = path.join(result.packageDir, launcherFileName('1.2.3'));
    const direct = JSON.parse(execFileSync(launcher, ['a b', 'c'], { encoding: 'utf8' })) as unknown;
    expect(direct).toEqual({ argv: ['a b', 'c'], main: path.join(result.packageDir, PROVIDER_BUNDLE_FILE) });

    // terraform init links .terraform/providers/... to the mirror's package directory and runs it from there.
    const linked = path.join(scratch, 'linked');
    fs.symlinkSync(result.packageDir, linked);
    const viaLink = JSON.parse(
      execFileSync(path.join(linked, launcherFileName('1.2.3')), [], { encoding: 'utf8' }),
    ) as { argv: string[] };
    expect(viaLink.argv).toEqual([]);
  });
});
