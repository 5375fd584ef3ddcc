/**
 * Failures of `npm run generate` with a stable `code`, so the drift test and scripts can tell a missing build
 * from a Terraform failure or a generator whose output changed shape.
 */
export abstract class CodegenError extends Error {
  abstract readonly code: string;
}

/** A Terraform command run to read the provider's schema exited non-zero. */
export class TerraformSchemaError extends CodegenError {
  override readonly name = 'TerraformSchemaError';
  readonly code = 'codegen_terraform_failed';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    output: string,
  ) {
    super(
      `terraform ${args.join(' ')} exited with ${exitCode ?? 'a signal'} while reading the provider schema:\n${output}`,
    );
  }
}

/**
 * cdktf's generator wrote something the post-processing does not know how to make ours (a registry link in a
 * new place, a file of a new kind). Failing beats committing links to a registry that does not carry the
 * provider; the fix is a rule in `cdktf-output.ts`.
 */
export class UnexpectedGeneratorOutputError extends CodegenError {
  override readonly name = 'UnexpectedGeneratorOutputError';
  readonly code = 'codegen_unexpected_output';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`cdktf's provider generator wrote ${file}: ${detail}`);
  }
}
