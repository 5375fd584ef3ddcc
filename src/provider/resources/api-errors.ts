import type { LightyearApiError } from '../../client';
import { clientModule } from '../client-module';
import type { Path } from '../framework/diagnostics';
import { ResourceError, ResourceErrors } from '../framework/errors';
import type { AttributeSchema, BlockSchema, ObjectSchema } from '../framework/schema';

/** One field the API refused: its request path (`inbound_rules[0].ports`) and the reason, a predicate. */
interface FieldProblem {
  readonly field: string;
  readonly reason: string | undefined;
}

/**
 * An API failure as Terraform diagnostics, in the user's terms: every field error lands on the attribute it
 * is about (Terraform underlines that line), and every message stays free of secrets.
 *
 * `fields` maps API request fields to attribute paths where the names differ; by default an API field path
 * is followed through the schema (`inbound_rules[0].ports` → the `inbound_rules` attribute, whose elements,
 * a set, have no address of their own).
 */
export function toResourceError(
  err: unknown,
  what: string,
  schema: ObjectSchema,
  fields: Readonly<Record<string, Path>> = {},
): unknown {
  const {
    isCertificateTrustFailure,
    isLightyearError,
    LightyearAbortedError,
    LightyearApiError,
    LightyearConnectionError,
  } = clientModule();
  if (err instanceof ResourceError || err instanceof ResourceErrors || !isLightyearError(err)) return err;
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
    const problems = fieldProblems(err);
    if (err.isConflict) {
      const first = problems[0];
      const path =
        first === undefined ? undefined : (fields[first.field] ?? attributePath(schema, first.field));
      return conflictError(err, what, path, request);
    }
    if (problems.length === 0)
      return new ResourceError(`${what} failed`, `${err.apiMessage}${request}`, undefined, err.code);
    const errors = problems.map((p) => {
      const path = fields[p.field] ?? attributePath(schema, p.field);
      const summary =
        path !== undefined
          ? `Invalid ${path.filter((s) => typeof s === 'string').join('.')}`
          : `${what} failed`;
      // The API's reason is a predicate about the field ("must not be empty"), so it reads after the field's name.
      const detail =
        p.reason !== undefined ? `${p.field} ${p.reason}.${request}` : `${err.apiMessage}${request}`;
      return new ResourceError(summary, detail, path, err.code);
    });
    return errors.length === 1 ? errors[0] : new ResourceErrors(errors);
  }
  return new ResourceError(`${what} failed`, err.message, undefined, err.code);
}

/** Every field the answer names, the first one first; the field alone when the API gave no reason. */
function fieldProblems(err: {
  field: string | undefined;
  reason: string | undefined;
  fieldErrors: readonly FieldProblem[];
}): readonly FieldProblem[] {
  if (err.fieldErrors.length > 0) return err.fieldErrors;
  return err.field !== undefined ? [{ field: err.field, reason: err.reason }] : [];
}

/**
 * The attribute path an API field path points at, following the schema: names and list indices are kept;
 * the path stops at a set (its elements have no address) or at anything the schema does not have.
 */
export function attributePath(schema: ObjectSchema, field: string): Path | undefined {
  const steps = field.match(/[^.[\]]+/g) ?? [];
  const path: (string | number)[] = [];
  let scope: ObjectSchema | undefined = schema;
  for (let i = 0; i < steps.length && scope; i++) {
    const name = steps[i]!;
    const attribute: AttributeSchema | undefined = scope.attributes[name];
    const blockSchema: BlockSchema | undefined = scope.blocks?.[name];
    if (!attribute && !blockSchema) break;
    path.push(name);
    const primitiveKind = attribute?.type?.kind;
    const nesting = attribute
      ? (attribute.nested?.nesting ??
        (primitiveKind === 'set' || primitiveKind === 'list' ? primitiveKind : undefined))
      : blockSchema!.nesting;
    if (nesting === 'set') break;
    scope = attribute ? attribute.nested : blockSchema;
    if (nesting === 'list' && /^\d+$/.test(steps[i + 1] ?? '')) path.push(Number(steps[++i]));
  }
  return path.length > 0 ? path : undefined;
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
