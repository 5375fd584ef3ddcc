import { domainToASCII } from 'node:url';
import { SpellingError, judge, sameCanonical } from './errors';

/** A name that cannot be used; `reason` reads after the field name ("domain must ..."). */
export class DnsNameError extends SpellingError {
  readonly code = 'invalid_dns_name';
}

/** RFC 1035: a name is at most 255 octets on the wire, which is 253 characters written with dots. */
export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** The record name that means the domain itself. `@` is the zone-file spelling of the same thing. */
export const APEX = '';

interface LabelRules {
  /** `_dmarc`, `_sip._tcp`: service labels, valid in record names and CNAME targets, not in host names. */
  readonly underscores: boolean;
}

const HOST_LABEL = /^[a-z0-9-]+$/;
const SERVICE_LABEL = /^[a-z0-9_-]+$/;

/**
 * A domain as it is stored and addressed: lower-case, without a trailing dot, at least two labels of
 * letters, digits and hyphens (not at either end), at most 253 characters. Unicode is refused with the
 * punycode form to send instead, rather than converted: the stored name is then always what was sent.
 */
export function normalizeDomainName(input: string): string {
  const name = absoluteName(input);
  checkLabels(name, { underscores: false });
  return name;
}

/**
 * A host name in record data (a CNAME, MX, NS or SRV target): the same rules as a domain, lower-case and
 * without a trailing dot. CNAME targets may hold underscore labels (DKIM delegations such as
 * `s1._domainkey.mail.example`); mail and name servers may not.
 */
export function normalizeHostName(input: string, rules: LabelRules = { underscores: false }): string {
  const name = absoluteName(input);
  checkLabels(name, rules);
  return name;
}

/**
 * A record name relative to `domain` (already normalized): `""` or `@` is the apex, otherwise labels of
 * letters, digits, hyphens and underscores, with `*` allowed as the whole leftmost label (a wildcard).
 * A name that ends with a dot or with the domain is refused: taking it as relative would silently
 * produce `www.example.com.example.com`, and taking it as absolute would make one record have two names.
 */
export function normalizeRecordName(input: string, domain: string): string {
  if (input === APEX || input === '@') return APEX;
  refuseNonAscii(input);
  const name = input.toLowerCase();
  if (name.endsWith('.')) {
    throw new DnsNameError(
      `must be relative to the domain, without a trailing dot ("www" for www.${domain}; "" or "@" for the apex)`,
    );
  }
  if (name === domain) throw new DnsNameError(`is the domain itself; use "" or "@" for the apex`);
  if (name.endsWith(`.${domain}`)) {
    const relative = name.slice(0, -(domain.length + 1));
    throw new DnsNameError(
      `already ends with the domain ${domain}; send it relative to the domain ("${relative}")`,
    );
  }
  const labels = name.split('.');
  labels.forEach((label, index) => {
    if (label === '*' && index === 0) return;
    if (label.includes('*')) {
      throw new DnsNameError('may use "*" only as the whole leftmost label, as in "*" or "*.dev"');
    }
    checkLabel(label, { underscores: true });
  });
  const fullLength = name.length + 1 + domain.length;
  if (fullLength > MAX_NAME_LENGTH) {
    throw new DnsNameError(
      `makes a full name ${fullLength} characters long with the domain; the limit is ${MAX_NAME_LENGTH}`,
    );
  }
  return name;
}

/**
 * An instance's host name as the API stores it: one label (`web-1`) or several (`web-1.example.com`), letters,
 * digits and inner hyphens, lower case, without a trailing dot. The API refuses upper case rather than folding
 * it, so callers send this form; `Web-1.Example.COM.` is the same host name.
 */
export function normalizeInstanceHostname(input: string): string {
  const name = absoluteName(input);
  for (const label of name.split('.')) checkLabel(label, { underscores: false });
  return name;
}

/** `Web-1.` and `web-1` are one host name; unreadable text equals only itself. */
export function sameInstanceHostname(a: string, b: string): boolean {
  return sameCanonical(a, b, normalizeInstanceHostname);
}

/** `Example.COM.` and `example.com` are one domain; unreadable text equals only itself. */
export function sameDomain(a: string, b: string): boolean {
  return sameCanonical(a, b, normalizeDomainName);
}

/**
 * A record name as a configuration or zone file may write it: relative (`www`, `""`, `@`) as the API takes
 * it, or absolute with the trailing dot that makes a name absolute in zone files (`www.example.com.`,
 * `example.com.` for the apex), which is unambiguous and becomes the relative name. An absolute name outside
 * the domain is refused; without the trailing dot a name ending in the domain stays refused as in
 * normalizeRecordName (it may mean `www.example.com.example.com`). `domain` is already normalized.
 */
export function normalizeWrittenRecordName(input: string, domain: string): string {
  if (input.length > 1 && input.endsWith('.')) {
    const absolute = input.slice(0, -1).toLowerCase();
    if (absolute === domain) return APEX;
    if (absolute.endsWith(`.${domain}`)) {
      return normalizeRecordName(absolute.slice(0, -(domain.length + 1)), domain);
    }
    refuseNonAscii(input);
    throw new DnsNameError(
      `is an absolute name outside the domain ${domain}; write it relative to the domain ("www" for www.${domain}; "" or "@" for the apex)`,
    );
  }
  return normalizeRecordName(input, domain);
}

/**
 * `@`, `""` and `Example.com.` are all the apex of example.com; `WWW` and `www.example.com.` are `www`.
 * `domain` is the record's domain, in any spelling.
 */
export function sameRecordName(a: string, b: string, domain: string): boolean {
  if (a === b) return true;
  const canonicalDomain = judge(() => normalizeDomainName(domain));
  if (!canonicalDomain.ok) return false;
  return sameCanonical(a, b, (name) => normalizeWrittenRecordName(name, canonicalDomain.canonical));
}

/** The fully qualified name of a record: `www` in example.com is `www.example.com`. */
export function fullyQualifiedName(name: string, domain: string): string {
  return name === APEX ? domain : `${name}.${domain}`;
}

/** Lower-cased, one trailing dot removed, and the whole-name checks that come before the labels. */
function absoluteName(input: string): string {
  if (input === '') throw new DnsNameError('must not be empty');
  refuseNonAscii(input);
  const name = (input.endsWith('.') ? input.slice(0, -1) : input).toLowerCase();
  if (name === '') throw new DnsNameError('must be a name such as example.com, not only a dot');
  if (name.length > MAX_NAME_LENGTH) {
    throw new DnsNameError(`must be at most ${MAX_NAME_LENGTH} characters long (it is ${name.length})`);
  }
  return name;
}

function checkLabels(name: string, rules: LabelRules): void {
  const labels = name.split('.');
  for (const label of labels) checkLabel(label, rules);
  if (labels.length < 2) throw new DnsNameError('must have at least two labels, such as example.com');
  if (/^[0-9]+$/.test(labels.at(-1) as string)) {
    throw new DnsNameError('must not end in an all-numeric label; an IP address is not a domain name');
  }
}

function checkLabel(label: string, rules: LabelRules): void {
  if (label === '') {
    throw new DnsNameError('must not have an empty label (a leading dot or two dots in a row)');
  }
  if (label.length > MAX_LABEL_LENGTH) {
    throw new DnsNameError(
      `has a label of ${label.length} characters ("${label.slice(0, 12)}..."); the limit is ${MAX_LABEL_LENGTH}`,
    );
  }
  const allowed = rules.underscores ? SERVICE_LABEL : HOST_LABEL;
  if (!allowed.test(label)) {
    const bad = [...label].find((char) => !allowed.test(char)) as string;
    const kinds = rules.underscores
      ? 'letters, digits, hyphens and underscores'
      : 'letters, digits and hyphens';
    throw new DnsNameError(`must use only ${kinds} in each label; it contains ${JSON.stringify(bad)}`);
  }
  if (label.startsWith('-') || label.endsWith('-')) {
    throw new DnsNameError(`has a label that starts or ends with a hyphen ("${label}")`);
  }
  if (label.startsWith('xn--') && domainToASCII(label) === '') {
    throw new DnsNameError(`has a label "${label}" that is not valid punycode`);
  }
}

/**
 * Names travel as ASCII (IDNA). A Unicode name is refused with its punycode form in the reason, so the
 * caller can send exactly that.
 */
function refuseNonAscii(input: string): void {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(input)) return;
  const ascii = domainToASCII(input.endsWith('.') ? input.slice(0, -1) : input);
  const fix = ascii === '' ? undefined : `send the punycode form "${ascii}"`;
  throw new DnsNameError('must be ASCII: internationalized names are written in punycode (xn--)', fix);
}
