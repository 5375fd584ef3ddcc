/**
 * Every failure lyctl reports on purpose is a `CliError` with a stable `code`, so scripts and tests can tell
 * failures apart without matching message text, and the dispatcher can print one readable line instead of a
 * stack trace. Anything that is not a `CliError` is a bug or an unexpected system failure.
 *
 * Messages never include secrets (API keys): they end up in terminals, CI logs and bug reports.
 */
export abstract class CliError extends Error {
  abstract readonly code: string;
  /** 2 for a mistake in how lyctl was called, 1 for an operation that failed. */
  abstract readonly exitCode: 1 | 2;
}

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

/** The local cloud could not listen on the port asked for. */
export class PortInUseError extends CliError {
  override readonly name = 'PortInUseError';
  readonly code = 'port_in_use';
  readonly exitCode = 1;
  constructor(readonly port: number) {
    super(`port ${port} is already in use; pass --port N for another port, or --port 0 for any free one`);
  }
}

/** A local cloud is already serving this data directory (found when starting a second one in the foreground). */
export class CloudAlreadyRunningError extends CliError {
  override readonly name = 'CloudAlreadyRunningError';
  readonly code = 'cloud_already_running';
  readonly exitCode = 1;
  constructor(
    readonly pid: number,
    readonly url: string,
  ) {
    super(`a local cloud for this data directory is already running (pid ${pid}, ${url})`);
  }
}

/** A command needs the local cloud, and none runs for the data directory. */
export class CloudNotRunningError extends CliError {
  override readonly name = 'CloudNotRunningError';
  readonly code = 'cloud_not_running';
  readonly exitCode = 1;
  constructor(readonly dataDir: string) {
    super(`no local cloud is running for ${dataDir}; start one with \`lyctl local start\``);
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
  readonly exitCode = 1;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Nothing says which cloud to talk to. */
export class NoCredentialsError extends CliError {
  override readonly name = 'NoCredentialsError';
  readonly code = 'no_credentials';
  readonly exitCode = 1;
  constructor(dataDir: string) {
    super(
      `no API key: set LIGHTYEAR_API_KEY (and LIGHTYEAR_ENDPOINT for a cloud other than the hosted one), ` +
        `or start the local cloud with \`lyctl local start\` (none runs for ${dataDir})`,
    );
  }
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
