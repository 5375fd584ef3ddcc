import type { z } from 'zod';
import { InvalidRequestError, type FieldError } from '../errors';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/**
 * Validates a JSON request body against a strict schema. Every refusal names the field and says, in
 * plain words, what is wrong with it (the Terraform provider shows the reason under the attribute).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw new InvalidRequestError('The request body is missing; send a JSON object.');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  return parseWith(schema, body);
}

/**
 * Validates query parameters. Each parameter may appear once: `?per_page=10&per_page=20` is ambiguous,
 * so it is refused instead of silently taking one of the values.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: URLSearchParams): z.output<S> {
  const values: Record<string, string> = {};
  for (const [name, value] of query) {
    if (Object.hasOwn(values, name)) throw InvalidRequestError.forField(name, 'is given more than once');
    values[name] = value;
  }
  return parseWith(schema, values);
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: plainReason });
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap(toFieldErrors);
  const [first, ...rest] = errors;
  if (first === undefined) throw new InvalidRequestError('The request is invalid.');
  throw InvalidRequestError.forFields([first, ...rest]);
}

function toFieldErrors(issue: Issue): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), reason: issue.message }));
  }
  return [{ field: fieldPath(issue.path), reason: issue.message }];
}

/** `inbound_rules[0].ports`: the way a person (and Terraform) names a nested field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}

/**
 * Zod's default messages ("Invalid input: expected string, received undefined") are written for
 * developers; these are for API users. Schemas that need a more specific reason set their own message,
 * which takes precedence over this map.
 */
function plainReason(issue: RawIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'is not a field this request accepts';
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${describeType(issue.expected)}`;
    case 'too_small':
      return sizeReason('at least', issue.origin, issue.minimum);
    case 'too_big':
      return sizeReason('at most', issue.origin, issue.maximum);
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be an ISO 8601 UTC timestamp such as 2030-01-31T12:00:00.000Z'
        : `must be a valid ${issue.format}`;
    default:
      return 'is invalid';
  }
}

function describeType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'object':
    case 'array':
      return `an ${expected}`;
    default:
      return `a ${expected}`;
  }
}

function sizeReason(bound: 'at least' | 'at most', origin: string, limit: number | bigint): string {
  switch (origin) {
    case 'string':
      if (bound === 'at least' && Number(limit) === 1) return 'must not be empty';
      return `must be ${bound} ${limit} character${Number(limit) === 1 ? '' : 's'} long`;
    case 'array':
    case 'set':
      return `must have ${bound} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
    default:
      return `must be ${bound} ${limit}`;
  }
}
