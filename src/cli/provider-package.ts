import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from '../cloud';
import { NotBuiltError, UnsupportedPlatformError } from './errors';
import { packageInfo, providerBundlePath } from './package-root';
import { PROVIDER_SOURCE, terraformCliConfig } from './terraform-cli-config';

/**
 * The bundled provider's name inside the package directory. It must NOT start with
 * `terraform-provider-lightyear`: Terraform runs the first file (in name order) carrying that prefix followed
 * by `_` or `.`, and `terraform-provider-lightyear.js` sorts before `terraform-provider-lightyear_v…`.
 */
export const PROVIDER_BUNDLE_FILE = 'lightyear-provider.js';
/**
 * The API client, built beside the bundle under this name (scripts/build.mjs) and loaded by it from its own
 * directory only when the provider is configured; packaged beside it under the same name.
 */
export const PROVIDER_CLIENT_FILE = 'lightyear-provider-client.js';
export const LAUNCHER_MODE = 0o755;
export const BUNDLE_MODE = 0o644;
export const CLI_CONFIG_FILE = 'terraform.rc';
export const DEFAULT_MIRROR_SUBDIR = 'providers';

const PLATFORMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  linux: { x64: 'linux_amd64', arm64: 'linux_arm64' },
  darwin: { x64: 'darwin_amd64', arm64: 'darwin_arm64' },
};

/**
 * Every platform the mirror offers the package for. The package is the same on each (a shell launcher and a
 * Node bundle), so one `h1:` hash covers them all, and a lock file written on one machine installs on the
 * others a team uses.
 */
export const PROVIDER_PLATFORMS: readonly string[] = Object.values(PLATFORMS).flatMap((arches) =>
  Object.values(arches),
);

/** Terraform's name for a platform, e.g. `linux_amd64`. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const name = PLATFORMS[platform]?.[arch];
  if (name === undefined) throw new UnsupportedPlatformError(platform, arch);
  return name;
}

export function launcherFileName(version: string): string {
  return `terraform-provider-lightyear_v${version}`;
}

/**
 * The executable Terraform starts. `exec` replaces the shell, so no wrapper process outlives Terraform's kill.
 * The bundle is found beside the launcher through `$0` rather than by absolute path: Terraform may run the
 * package through a link in `.terraform/providers` or from a copy. Node is the one on the PATH Terraform
 * passes on, not this machine's absolute path: the package's bytes, and so the lock hash, must be the same on
 * every machine of a team sharing a `.terraform.lock.hcl`.
 */
export function launcherScript(version: string): string {
  return [
    '#!/bin/sh',
    `# LightYear Terraform provider ${version}: runs ${PROVIDER_BUNDLE_FILE} beside this file on Node.`,
    `exec node "\${0%/*}/${PROVIDER_BUNDLE_FILE}" "$@"`,
    '',
  ].join('\n');
}

/** `<mirror>/registry.terraform.io/lightyear/lightyear/<version>/<platform>`: the unpacked mirror layout. */
export function providerPackageDir(mirrorDir: string, version: string, platform: string): string {
  return path.join(mirrorDir, ...PROVIDER_SOURCE.split('/'), version, platform);
}

export interface InstallProviderOptions {
  /** Where `terraform.rc` is written, and the mirror's parent by default. */
  readonly dataDir: string;
  /** Default `<dataDir>/providers`. */
  readonly mirrorDir?: string;
  /** The provider program to package. Default: this package's `dist/terraform-provider-lightyear.js`. */
  readonly bundlePath?: string;
  /** Default: this package's version. */
  readonly version?: string;
  /** This machine's Terraform platform name, whose package `packageDir` names. Default: the current one. */
  readonly platform?: string;
  /** Told when the data directory had to be made private (it was open to other users). */
  readonly note?: (line: string) => void;
  /** Every platform to write the package for. Default: `PROVIDER_PLATFORMS`, and always `platform`. */
  readonly platforms?: readonly string[];
}

export interface InstallProviderResult {
  /** Absolute. */
  readonly mirrorDir: string;
  /** This machine's versioned platform directory holding the launcher and the bundle. */
  readonly packageDir: string;
  /** The package directory of every platform written, identical in content. */
  readonly packageDirs: readonly string[];
  /** The Terraform CLI config to point `TF_CLI_CONFIG_FILE` at. */
  readonly cliConfigPath: string;
  readonly version: string;
  /** False when everything on disk already had exactly these bytes and modes. */
  readonly changed: boolean;
  /**
   * True when a different build of the same version was replaced. Lock files that recorded the old build's
   * hash now fail Terraform's checksum check and must drop their lightyear entry.
   */
  readonly replacedPrevious: boolean;
}

/**
 * Packages the provider into a Terraform filesystem mirror and writes the CLI config that uses it.
 *
 * The package is deterministic: the same bundle and version give the same bytes and modes on every machine,
 * with no timestamps, so Terraform's `h1:` lock hash is stable across reinstalls. Reinstalling identical bytes writes
 * nothing. Files that do not belong in the package (leftovers of an interrupted install) are removed, since
 * the lock hash covers every file in the directory.
 */
export function installProvider(options: InstallProviderOptions): InstallProviderResult {
  const dataDir = path.resolve(options.dataDir);
  const mirrorDir = path.resolve(options.mirrorDir ?? path.join(dataDir, DEFAULT_MIRROR_SUBDIR));
  const version = options.version ?? packageInfo().version;
  const bundlePath = options.bundlePath ?? builtProviderBundle();
  const platform = options.platform ?? terraformPlatform();
  const platforms = [...new Set([platform, ...(options.platforms ?? PROVIDER_PLATFORMS)])];
  const packageDir = providerPackageDir(mirrorDir, version, platform);

  const wanted = new Map<string, { bytes: Buffer; mode: number }>([
    [launcherFileName(version), { bytes: Buffer.from(launcherScript(version)), mode: LAUNCHER_MODE }],
    [PROVIDER_BUNDLE_FILE, { bytes: fs.readFileSync(bundlePath), mode: BUNDLE_MODE }],
  ]);
  // A bundle built without the split (a test fixture, an older build) has no client file beside it.
  const clientPath = path.join(path.dirname(bundlePath), PROVIDER_CLIENT_FILE);
  if (fs.existsSync(clientPath)) {
    wanted.set(PROVIDER_CLIENT_FILE, { bytes: fs.readFileSync(clientPath), mode: BUNDLE_MODE });
  }

  // First, so that a mirror under it is never created inside a directory others can enter.
  ensurePrivateDirectory(dataDir, options.note);
  let packageChanged = false;
  let replacedPrevious = false;
  const packageDirs = platforms.map((each) => providerPackageDir(mirrorDir, version, each));
  for (const dir of packageDirs) {
    const changed = writePackage(dir, wanted);
    packageChanged ||= changed.changed;
    replacedPrevious ||= changed.replacedPrevious;
  }

  const cliConfigPath = path.join(dataDir, CLI_CONFIG_FILE);
  const configChanged = writeFileExactly(
    cliConfigPath,
    Buffer.from(terraformCliConfig(mirrorDir)),
    PRIVATE_FILE_MODE,
  );

  return {
    mirrorDir,
    packageDir,
    packageDirs,
    cliConfigPath,
    version,
    changed: packageChanged || configChanged,
    replacedPrevious,
  };
}

/** Makes one platform's package directory hold exactly the wanted files. */
function writePackage(
  packageDir: string,
  wanted: ReadonlyMap<string, { bytes: Buffer; mode: number }>,
): { changed: boolean; replacedPrevious: boolean } {
  const existedBefore = fs.existsSync(packageDir);
  fs.mkdirSync(packageDir, { recursive: true });
  let changed = false;
  for (const entry of fs.readdirSync(packageDir)) {
    if (!wanted.has(entry)) {
      fs.rmSync(path.join(packageDir, entry), { recursive: true, force: true });
      changed = true;
    }
  }
  for (const [name, file] of wanted) {
    if (writeFileExactly(path.join(packageDir, name), file.bytes, file.mode)) changed = true;
  }
  return { changed, replacedPrevious: existedBefore && changed };
}

function builtProviderBundle(): string {
  const { root } = packageInfo();
  const bundle = providerBundlePath(root);
  if (!fs.existsSync(bundle)) throw new NotBuiltError(bundle, root);
  return bundle;
}

/**
 * Makes `file` hold exactly `bytes` with exactly `mode` (set explicitly: the umask must not decide it).
 * Writes through a temporary file and a rename, so a reader never sees half a file. Returns whether anything
 * had to change.
 */
function writeFileExactly(file: string, bytes: Buffer, mode: number): boolean {
  const current = readIfFile(file);
  if (current === 'not a file') fs.rmSync(file, { recursive: true, force: true });
  if (typeof current === 'object' && current.bytes.equals(bytes)) {
    if (current.mode === mode) return false;
    fs.chmodSync(file, mode);
    return true;
  }
  // A leading dot keeps the half-written file from matching Terraform's executable-name prefix. A random
  // name opened exclusively: a link planted at a predictable name cannot redirect the write.
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`,
  );
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    fs.writeFileSync(fd, bytes);
    fs.fchmodSync(fd, mode);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  return true;
}

function readIfFile(file: string): { bytes: Buffer; mode: number } | 'not a file' | undefined {
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return 'not a file';
    return { bytes: fs.readFileSync(file), mode: stat.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
