import type { LightyearApiError } from '../../client';
import { clientModule } from '../client-module';
import type { Path } from '../framework/diagnostics';
import { ResourceError } from '../framework/errors';

/**
 * An API failure as a Terraform diagnostic, in the user's terms: a field error lands on the attribute it is
 * about (Terraform underlines that line), and every message stays free of secrets.
 *
 * `fields` maps API request fields to attribute paths where the names differ; by default a field that is
 * also an attribute of the resource maps to itself.
 */
export function toResourceError(
  err: unknown,
  what: string,
  attributes: readonly string[],
  fields: Readonly<Record<string, Path>> = {},
): unknown {
  const {
    isCertificateTrustFailure,
    isLightyearError,
    LightyearAbortedError,
    LightyearApiError,
    LightyearConnectionError,
  } = clientModule();
  if (err instanceof ResourceError || !isLightyearError(err)) return err;
  if (err instanceof LightyearAbortedError) {
    return new ResourceError(
      `${what} interrupted`,
      'The operation was cancelled before it finished.',
      undefined,
      'aborted',
    );
  }
  if (err instanceof LightyearConnectionError) {
    const hint = isCertificateTrustFailure(err.reason)
      ? 'Set ca_cert_file or LIGHTYEAR_CA_CERT to the CA that signed its certificate (for a local cloud started with --tls, `npx lyctl local env` exports it).'
      : err.reason === 'deadline' || err.reason === 'timeout'
        ? 'The endpoint accepted the connection but did not answer in time. Check that it is the LightYear API and that it is healthy; request_timeout (or LIGHTYEAR_REQUEST_TIMEOUT) sets how long one call may take.'
        : "Check the provider's endpoint; for the local cloud, `npx lyctl local start` starts it.";
    return new ResourceError(
      `${what} failed: cannot reach the LightYear API`,
      `${err.message}. ${hint}`,
      undefined,
      err.code,
    );
  }
  if (err instanceof LightyearApiError) {
    const path =
      err.field === undefined
        ? undefined
        : (fields[err.field] ?? (attributes.includes(err.field) ? [err.field] : undefined));
    const request = err.requestId ? ` (request ${err.requestId})` : '';
    if (err.isUnauthorized) {
      return new ResourceError(
        'Authentication failed',
        `The LightYear API rejected the API key: ${err.apiMessage}${request}. Check api_key or LIGHTYEAR_API_KEY.`,
        undefined,
        err.code,
      );
    }
    if (err.isForbidden) {
      return new ResourceError(
        `${what} not permitted`,
        `The API key lacks the permission this needs: ${err.apiMessage}${request}.`,
        undefined,
        err.code,
      );
    }
    if (err.isConflict) return conflictError(err, what, path, request);
    const summary = path !== undefined ? `Invalid ${path.join('.')}` : `${what} failed`;
    // The API's reason is a predicate about the field ("must not be empty"), so it reads after the field's name.
    const detail =
      err.reason && err.field !== undefined
        ? `${err.field} ${err.reason}.${request}`
        : `${err.apiMessage}${request}`;
    return new ResourceError(summary, detail, path, err.code);
  }
  return new ResourceError(`${what} failed`, err.message, undefined, err.code);
}

/**
 * A 409 is about the world, not the value: a duplicate public key is a valid key already registered, so it is
 * titled as what it is ("SSH key already registered") and still points at the attribute it concerns.
 */
function conflictError(
  err: LightyearApiError,
  what: string,
  path: Path | undefined,
  request: string,
): ResourceError {
  const subject = subjectOf(what);
  const existingId = err.details?.['existing_id'];
  if (typeof existingId === 'string') {
    return new ResourceError(
      `${subject} already registered`,
      `${err.apiMessage}${request} To manage that one with Terraform, import it (\`terraform import <address> ${existingId}\` or an import block); otherwise use a different one here.`,
      path,
      err.code,
    );
  }
  const summary = err.code === 'resource_in_use' ? `${subject} still in use` : `${what} failed: conflict`;
  return new ResourceError(summary, `${err.apiMessage}${request}`, path, err.code);
}

/** "Creating the SSH key" → "SSH key": the thing an operation is about, to title its conflicts. */
function subjectOf(what: string): string {
  return /^[A-Z][a-z]+ing (?:the |an? )?(.+)$/.exec(what)?.[1] ?? what;
}
