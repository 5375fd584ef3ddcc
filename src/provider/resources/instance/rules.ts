import { createHash } from 'node:crypto';
import {
  instanceTagProblem,
  judge,
  NAME_LIMITS,
  nameProblem,
  normalizeInstanceHostname,
  sameInstanceHostname,
  type SpellingProblem,
} from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's rules for an instance's own fields (src/spelling), as the provider's validators and
 * equivalences: judged offline at validate time, so a bad value never reaches an apply.
 */

export const POWER_STATUSES = ['running', 'stopped'] as const;

function said(problem: SpellingProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}

export function checkLabel(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const problem = said(nameProblem(value, NAME_LIMITS.instanceLabel));
  return problem === undefined ? undefined : `label ${problem}`;
}

/** `" web "` is the label `web` to the API. */
export function sameLabel(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
}

export function checkHostname(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeInstanceHostname(value));
  return verdict.ok ? undefined : `hostname ${said(verdict.problem)}`;
}

/** `Web-1.Example.COM.` and `web-1.example.com` are one host name; the API stores the latter. */
export function sameHostname(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameInstanceHostname(a, b);
}

/** The host name as the API takes it (lower case, no trailing dot); validation has refused anything else. */
export function hostnameForApi(hostname: string): string {
  const verdict = judge(() => normalizeInstanceHostname(hostname));
  return verdict.ok ? verdict.canonical : hostname;
}

export function checkTags(value: Value): string | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const tag of value as readonly Value[]) {
    if (typeof tag !== 'string') continue;
    const problem = said(instanceTagProblem(tag));
    if (problem !== undefined) return `tag "${tag}" ${problem}`;
  }
  return undefined;
}

export function checkPowerStatus(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  return (POWER_STATUSES as readonly string[]).includes(value)
    ? undefined
    : `power_status must be "running" or "stopped" (got "${value}")`;
}

/** 64 KiB of decoded user data, the API's limit. */
export const USER_DATA_MAX_BYTES = 64 * 1024;

export function checkUserData(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes === 0) return 'user_data must not be empty; leave it out for an instance without user data';
  return bytes > USER_DATA_MAX_BYTES
    ? `user_data must be at most ${USER_DATA_MAX_BYTES} bytes (it is ${bytes}); the API takes 64 KiB of cloud-init`
    : undefined;
}

/** The user data as the API takes it: the text's UTF-8 bytes, base64 with padding. */
export function userDataForApi(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The hex SHA-256 the API reports for user data (`user_data_sha256`): of the decoded bytes, i.e. the text. */
export function userDataSha256(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}
