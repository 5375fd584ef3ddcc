import type { ApiKey } from '../../../api';
import {
  canonicalAllowedIps,
  judge,
  permissionsNotCovered,
  rangesOutside,
  timestampMs,
} from '../../../spelling';
import type { Path } from '../../framework/diagnostics';

/** One reason a key cannot be created, on the attribute it is about. */
export interface LimitProblem {
  readonly path: Path | undefined;
  readonly summary: string;
  readonly detail: string;
}

/** What the plan knows of the key to create; null where the configuration leaves it out or is unknown. */
export interface RequestedKey {
  /** Canonical (lower-case) permissions; null while unknown. */
  readonly permissions: readonly string[] | null;
  /** null: never expires; undefined: not known until apply. */
  readonly expiresAt: string | null | undefined;
  /** null: usable from anywhere; undefined: not known until apply. */
  readonly allowedIps: readonly string[] | null | undefined;
}

/**
 * Why the API would refuse to create `requested` with `creator` (the provider's own key), judged at plan
 * time with the cloud's own rules (src/cloud/routes/api-keys.ts `refuseEscalation`): creating keys needs
 * `account:write`, and a key can only hand out what it has — its permissions, no later expiry than its own,
 * only addresses inside its own `allowed_ips`.
 */
export function keyLimitProblems(creator: ApiKey, requested: RequestedKey): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const who = `The provider's API key (${creator.prefix}…, ${creator.id})`;
  if (permissionsNotCovered(creator.permissions, ['account:write']).length > 0) {
    problems.push({
      path: undefined,
      summary: 'The provider cannot create API keys',
      detail: `${who} lacks account:write, which creating an API key needs; it holds ${creator.permissions.join(', ')}.`,
    });
  }
  if (requested.permissions !== null) {
    const missing = permissionsNotCovered(creator.permissions, requested.permissions);
    if (missing.length > 0) {
      problems.push({
        path: ['permissions'],
        summary: 'Permissions beyond the provider\u2019s own key',
        detail:
          `${who} holds ${creator.permissions.join(', ')}; a key can only grant permissions its creator ` +
          `holds, so it cannot grant ${missing.join(', ')}. Remove them, or configure the provider with a ` +
          'key that holds them.',
      });
    }
  }
  const creatorExpiry = creator.expires_at;
  if (creatorExpiry !== null && requested.expiresAt !== undefined) {
    // Never expiring is later than any expiry; an unreadable one was refused at validate.
    const requestedMs = requested.expiresAt === null ? Infinity : instantOf(requested.expiresAt);
    if (requestedMs !== undefined && requestedMs > Date.parse(creatorExpiry)) {
      problems.push({
        path: ['expires_at'],
        summary: 'Expiry beyond the provider\u2019s own key',
        detail: `${who} expires at ${creatorExpiry}; a key it creates must expire at or before then${requested.expiresAt === null ? ', so expires_at must be set' : ''}.`,
      });
    }
  }
  const creatorRanges = creator.allowed_ips;
  if (creatorRanges !== null && requested.allowedIps !== undefined) {
    const ranges =
      requested.allowedIps === null ? null : judge(() => canonicalAllowedIps(requested.allowedIps!));
    const outside =
      ranges === null ? ['anywhere'] : ranges.ok ? rangesOutside(ranges.canonical, creatorRanges) : [];
    if (outside.length > 0) {
      problems.push({
        path: ['allowed_ips'],
        summary: 'Source ranges beyond the provider\u2019s own key',
        detail:
          `${who} may only be used from ${creatorRanges.join(', ')}; a key it creates must be limited to ` +
          `ranges inside those${ranges === null ? ', so allowed_ips must be set' : `, and ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not`}.`,
      });
    }
  }
  return problems;
}

function instantOf(text: string): number | undefined {
  const verdict = judge(() => timestampMs(text));
  return verdict.ok ? verdict.canonical : undefined;
}
