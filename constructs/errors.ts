/**
 * A value object built from a spelling the API would refuse (`Peer.ipv4('203.0.113.7')`, `Port.tcp(70000)`).
 * Thrown where the user's code builds it, so the stack trace points at their line; `fix` is the rule's own
 * suggestion (`did you mean 203.0.113.7/32?`) when it has one.
 */
export class InvalidValueError extends Error {
  readonly code = 'invalid_value';

  constructor(
    readonly what: string,
    readonly reason: string,
    readonly fix?: string,
  ) {
    super(`${what} ${reason}${fix === undefined ? '' : `; ${fix}`}`);
    this.name = 'InvalidValueError';
  }
}
