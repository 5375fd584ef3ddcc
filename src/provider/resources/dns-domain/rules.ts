import { judge, normalizeDomainName, type SpellingProblem } from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's rule for a domain name (src/spelling), judged offline at validate time.
 *
 * The domain resource takes the name only in the API's own spelling, unlike every other attribute: the
 * domain is an identity that other addresses are built from (record ids are imported as `<domain>/<id>`,
 * `fqdn` ends in it, other resources refer to `lightyear_dns_domain.x.domain`), so one spelling everywhere
 * beats a kept user spelling that every reference would carry on.
 */
export function checkDomainName(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeDomainName(value));
  if (!verdict.ok) return `domain ${said(verdict.problem)}`;
  if (verdict.canonical !== value) {
    return `domain must be written as the API stores it, lower-case and without a trailing dot: write "${verdict.canonical}" instead of "${value}"`;
  }
  return undefined;
}

/** Any spelling of a valid domain (records and data sources accept `Example.COM.` as example.com). */
export function checkDomainSpelling(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const verdict = judge(() => normalizeDomainName(value));
  return verdict.ok ? undefined : `domain ${said(verdict.problem)}`;
}

export function said(problem: SpellingProblem): string {
  return problem.fix === undefined ? problem.reason : `${problem.reason}; ${problem.fix}`;
}
