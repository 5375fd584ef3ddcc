import { envHint, lyctlHint } from './hints';

/**
 * Every failure lyctl reports on purpose is a `CliError` with a stable `code`, so scripts and tests can tell
 * failures apart without matching message text, and the dispatcher can print one readable line instead of a
 * stack trace. Anything that is not a `CliError` is a bug or an unexpected system failure.
 *
 * Messages never include secrets (API keys): they end up in terminals, CI logs and bug reports.
 */
export abstract class CliError extends Error {
  abstract readonly code: string;
  /** One of `EXIT`: scripts tell a usage mistake, a missing object and a refusal apart by it. */
  abstract readonly exitCode: ExitCode;
}

/**
 * lyctl's exit codes (docs/cli.md lists them). Stable: scripts branch on them (`lyctl server show $ID ||
 * [ $? -eq 4 ] && echo gone`).
 */
export const EXIT = {
  ok: 0,
  /** An operation failed for a reason below none of the others (a file, a wait that timed out, the local cloud). */
  failure: 1,
  /** lyctl was called wrongly; nothing was sent. */
  usage: 2,
  /** `local status`: no local cloud runs. */
  notRunning: 3,
  /** The API answered 404: no such object. */
  notFound: 4,
  /** The API refused the request (400 invalid, 409 conflict or busy, 429 rate limited, 5xx). */
  refused: 5,
  /** The API key is wrong, expired, or lacks the permission (401, 403). */
  unauthorized: 6,
  /** The cloud could not be reached (connection refused, DNS, TLS, timeout). */
  unreachable: 7,
  /** Ctrl-C stopped a wait; the operation itself goes on in the cloud. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type UsageErrorCode =
  | 'unknown_command'
  | 'unknown_option'
  | 'invalid_option_value'
  | 'missing_option_value'
  | 'unexpected_argument'
  | 'missing_argument';

/** The user called lyctl wrongly. The dispatcher adds a pointer to the `--help` of the command concerned. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A part of the package that `npm run build` produces is missing. */
export class NotBuiltError extends CliError {
  override readonly name = 'NotBuiltError';
  readonly code = 'not_built';
  readonly exitCode = 1;
  constructor(
    readonly missingPath: string,
    packageRoot: string,
  ) {
    super(`${missingPath} is missing; run \`npm run build\` in ${packageRoot}`);
  }
}

/** Terraform publishes providers per OS/architecture; we only know how to launch on the ones listed. */
export class UnsupportedPlatformError extends CliError {
  override readonly name = 'UnsupportedPlatformError';
  readonly code = 'unsupported_platform';
  readonly exitCode = 1;
  constructor(platform: string, arch: string) {
    super(
      `the provider cannot be installed on ${platform}/${arch}; supported: linux and darwin on x64 or arm64`,
    );
  }
}

/** Who holds a port the local cloud wanted, when it is another data directory's local cloud. */
export interface PortHolder {
  readonly pid: number;
  /** Its data directory, when its command line names it. */
  readonly dataDir?: string;
}

/** The local cloud could not listen on the port asked for. */
export class PortInUseError extends CliError {
  override readonly name = 'PortInUseError';
  readonly code = 'port_in_use';
  readonly exitCode = 1;
  constructor(
    readonly port: number,
    readonly holder?: PortHolder,
  ) {
    super(`port ${port} is already in use${holderText(holder)}; ${portAdvice(holder)}`);
  }
}

function holderText(holder: PortHolder | undefined): string {
  if (holder === undefined) return '';
  return holder.dataDir === undefined
    ? ` by another local cloud (pid ${holder.pid})`
    : ` by the local cloud of ${holder.dataDir} (pid ${holder.pid})`;
}

function portAdvice(holder: PortHolder | undefined): string {
  const other = 'pass --port N for another port, or --port 0 for any free one';
  if (holder?.dataDir === undefined) return other;
  return `use that one (\`${envHint(holder.dataDir)}\`), stop it (\`${lyctlHint('local stop', holder.dataDir)}\`), or ${other}`;
}

/**
 * A local cloud is already serving this data directory: found when starting a second one in the foreground,
 * or when `local start` asks for a port other than the one it serves on.
 */
export class CloudAlreadyRunningError extends CliError {
  override readonly name = 'CloudAlreadyRunningError';
  readonly code = 'cloud_already_running';
  readonly exitCode = 1;
  constructor(
    readonly pid: number,
    readonly url: string,
    /** The port asked for, when it differs from the running cloud's. */
    readonly requestedPort?: number,
    /** The data directory named with --data, for the hint. */
    hintDataDir?: string,
  ) {
    super(
      requestedPort === undefined
        ? `a local cloud for this data directory is already running (pid ${pid}, ${url})`
        : `a local cloud for this data directory is already running on another port (pid ${pid}, ${url}), ` +
            `not ${requestedPort}; use it as it is, or stop it first (\`${lyctlHint('local stop', hintDataDir)}\`)`,
    );
  }
}

/** A command needs the local cloud, and none runs for the data directory. */
export class CloudNotRunningError extends CliError {
  override readonly name = 'CloudNotRunningError';
  readonly code = 'cloud_not_running';
  readonly exitCode = 1;
  constructor(
    readonly dataDir: string,
    /** The data directory named with --data, for the hint. */
    hintDataDir?: string,
  ) {
    super(
      `no local cloud is running for ${dataDir}; start one with \`${lyctlHint('local start', hintDataDir)}\``,
    );
  }
}

/** The background local cloud did not come up. The message carries the tail of its log. */
export class CloudStartError extends CliError {
  override readonly name = 'CloudStartError';
  readonly code = 'cloud_start_failed';
  readonly exitCode = 1;
}

/** The background local cloud did not go away. */
export class CloudStopError extends CliError {
  override readonly name = 'CloudStopError';
  readonly code = 'cloud_stop_failed';
  readonly exitCode = 1;
}

/** The local cloud runs but its bootstrap API key file is missing or empty. */
export class ApiKeyMissingError extends CliError {
  override readonly name = 'ApiKeyMissingError';
  readonly code = 'api_key_missing';
  readonly exitCode = 1;
  constructor(dataDir: string) {
    super(`the local cloud runs but there is no API key in ${dataDir}/bootstrap-key`);
  }
}

/** A step of `lyctl quickstart` failed; the step's own output says why. */
export class QuickstartError extends CliError {
  override readonly name = 'QuickstartError';
  readonly code = 'quickstart_failed';
  readonly exitCode = 1;
}

/** An API call failed; its message is the client's one line (code, HTTP status, request id; never the key). */
export class ApiCallError extends CliError {
  override readonly name = 'ApiCallError';
  readonly exitCode: ExitCode;
  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status when the API answered; absent when nothing answered. */
    readonly status?: number,
  ) {
    super(message);
    this.exitCode = apiExitCode(code, status);
  }
}

/** Which exit code a client failure maps to: see `EXIT`. */
export function apiExitCode(code: string, status: number | undefined): ExitCode {
  if (code === 'not_found' || status === 404) return EXIT.notFound;
  if (code === 'authentication_failed' || code === 'forbidden' || status === 401 || status === 403) {
    return EXIT.unauthorized;
  }
  if (code === 'connection_failed') return EXIT.unreachable;
  if (status !== undefined) return EXIT.refused;
  return EXIT.failure;
}

/** A profile or the profile file is wrong: unknown name, unreadable or unsafe file. */
export class ProfileError extends CliError {
  override readonly name = 'ProfileError';
  constructor(
    readonly code:
      | 'invalid_profile_name'
      | 'profile_not_found'
      | 'profile_file_unsafe'
      | 'profile_file_invalid'
      | 'no_key_given',
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
  }
}

/** `server destroy` (and other deletions) was not confirmed. */
export class NotConfirmedError extends CliError {
  override readonly name = 'NotConfirmedError';
  readonly code = 'not_confirmed';
  readonly exitCode = EXIT.usage;
}

/** Ctrl-C stopped a wait. The message says what goes on in the cloud and how to look at it. */
export class InterruptedError extends CliError {
  override readonly name = 'InterruptedError';
  readonly code = 'interrupted';
  readonly exitCode = EXIT.interrupted;
}

/** The object has no address to connect to yet (`server ssh` before provisioning ends). */
export class NoAddressError extends CliError {
  override readonly name = 'NoAddressError';
  readonly code = 'no_address';
  readonly exitCode = EXIT.failure;
}

/**
 * `--public-key-file` names a private key (`~/.ssh/id_ed25519` instead of `~/.ssh/id_ed25519.pub`). It is
 * refused before anything is sent: a private key must not leave the machine, not even to be refused.
 */
export class PrivateKeyFileError extends CliError {
  override readonly name = 'PrivateKeyFileError';
  readonly code = 'private_key_file';
  readonly exitCode = 2;
  constructor(file: string, reason: string, fix: string) {
    super(`--public-key-file ${file} ${reason}; ${fix}`);
  }
}

/** Nothing says which cloud to talk to. */
export class NoCredentialsError extends CliError {
  override readonly name = 'NoCredentialsError';
  readonly code = 'no_credentials';
  readonly exitCode = 1;
  constructor(dataDir: string, hintDataDir?: string) {
    super(
      `no API key: set LIGHTYEAR_API_KEY (and LIGHTYEAR_ENDPOINT for a cloud other than the hosted one), ` +
        `choose a profile with --profile or LIGHTYEAR_PROFILE (\`${lyctlHint('profile add NAME')}\`), ` +
        `or start the local cloud with \`${lyctlHint('local start', hintDataDir)}\` (none runs for ${dataDir})`,
    );
  }
}

/** `terraform providers lock` could not record the provider's hashes; the message carries its output. */
export class ProviderLockError extends CliError {
  override readonly name = 'ProviderLockError';
  readonly code = 'provider_lock_failed';
  readonly exitCode = 1;
}

/** A file lyctl was pointed at (by a flag or an environment variable) cannot be read. */
export class UnreadableFileError extends CliError {
  override readonly name = 'UnreadableFileError';
  readonly code = 'unreadable_file';
  readonly exitCode = 1;
  constructor(
    /** How the file was named: `LIGHTYEAR_CA_CERT names`. */
    source: string,
    readonly file: string,
    reason: string,
  ) {
    super(`${source} ${file}, which cannot be read: ${reason}`);
  }
}
