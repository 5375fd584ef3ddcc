import { CliError } from '../errors';

/** `--orphans FILE` names a file that cannot be read or is not a Terraform state. */
export class ImportStateFileError extends CliError {
  override readonly name = 'ImportStateFileError';
  readonly code = 'state_file_invalid';
  readonly exitCode = 1;
  constructor(file: string, reason: string) {
    super(`cannot use ${file} as a Terraform state: ${reason}`);
  }
}

/** The provider could not read an object back (it answered something the provider refuses). */
export class ImportReadError extends CliError {
  override readonly name = 'ImportReadError';
  readonly code = 'import_read_failed';
  readonly exitCode = 1;
  constructor(type: string, id: string, reason: string) {
    super(`cannot read ${type} ${id} as the provider would: ${reason}`);
  }
}

/** The output directory cannot be written. */
export class ImportWriteError extends CliError {
  override readonly name = 'ImportWriteError';
  readonly code = 'import_write_failed';
  readonly exitCode = 1;
  constructor(file: string, reason: string) {
    super(`cannot write ${file}: ${reason}`);
  }
}
