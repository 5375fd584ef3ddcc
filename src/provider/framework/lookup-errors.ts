import type { Path } from './diagnostics';
import { ResourceError } from './errors';

/**
 * A data source found nothing for what was asked. Never answered with an empty object: the message names what
 * was asked and what exists nearby (the regions a plan is offered in, the families there are), and Terraform
 * underlines the argument that asked.
 */
export class NoMatchError extends ResourceError {
  constructor(summary: string, detail: string, path: Path) {
    super(summary, detail, path, 'no_match');
  }
}

/** A look-up that must name one object matched several; the message lists them so the user can pick by id. */
export class AmbiguousMatchError extends ResourceError {
  constructor(summary: string, detail: string, path: Path) {
    super(summary, detail, path, 'ambiguous_match');
  }
}
