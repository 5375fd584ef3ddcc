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
