import type { Path } from './diagnostics';

/**
 * A problem the user can act on, said in their terms: a summary, a detail, and the attribute it concerns
 * (Terraform underlines that line of their configuration).
 */
export class ResourceError extends Error {
  readonly code: string;
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly path?: Path,
    code = 'resource_error',
  ) {
    super(`${summary}: ${detail}`);
    this.code = code;
  }
}

/** The provider was configured with values Terraform will only know during apply. */
export class ProviderNotConfiguredError extends ResourceError {
  constructor(reason: string) {
    super('Provider not configured', reason, undefined, 'provider_not_configured');
  }
}

/** Several problems at once (every field the API refused), each a diagnostic of its own. */
export class ResourceErrors extends Error {
  readonly code = 'resource_errors';
  constructor(readonly errors: readonly ResourceError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}
