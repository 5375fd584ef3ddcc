import { findControlCharacter } from './control-characters';
import { DnsNameError, normalizeHostName } from './dns-names';
import type { DnsRecordType } from './dns-record-types';
import { SpellingError, sameCanonical } from './errors';
import { IpAddressError, canonicalIpv4, canonicalIpv6 } from './ip-address';

/** Record data that does not fit its type; `reason` reads after the field name ("data must ..."). */
export class DnsRecordDataError extends SpellingError {
  readonly code = 'invalid_dns_record_data';
}

/** TXT data limit: generous for SPF, DKIM (4096-bit keys) and verification tokens, bounded all the same. */
export const MAX_TXT_BYTES = 4096;
/** A CAA value travels as one DNS character-string. */
export const MAX_CAA_VALUE_LENGTH = 255;
/** The CAA tags of RFC 8659; others have no defined meaning for a certificate authority. */
export const CAA_TAGS = ['issue', 'issuewild', 'iodef'] as const;

const UINT16_REASON = 'a whole number from 0 to 65535';
const DIGITS = /^[0-9]+$/;

/**
 * The canonical text of a record's data, or a DnsRecordDataError saying what is wrong:
 *
 * - A: dotted-decimal IPv4. AAAA: IPv6 in RFC 5952 form (lower-case, zeros compressed).
 * - CNAME, MX, NS: a host name, lower-case, without a trailing dot.
 * - SRV: `weight port target` (the priority is the record's own field), single spaces.
 * - CAA: `flags tag "value"`, tag lower-case, the value always quoted.
 * - TXT: the text itself, kept byte for byte (quotes included) up to MAX_TXT_BYTES.
 */
export function normalizeRecordData(type: DnsRecordType, data: string): string {
  switch (type) {
    case 'A':
      return address(() => canonicalIpv4(data));
    case 'AAAA':
      return address(() => canonicalIpv6(data));
    case 'CNAME':
      return hostName(data, true);
    case 'MX':
    case 'NS':
      return hostName(data, false);
    case 'SRV':
      return srvData(data);
    case 'CAA':
      return caaData(data);
    case 'TXT':
      return txtData(data);
  }
}

function address(canonical: () => string): string {
  try {
    return canonical();
  } catch (error) {
    if (error instanceof IpAddressError) throw new DnsRecordDataError(error.reason, error.fix);
    throw error;
  }
}

function hostName(text: string, underscores: boolean): string {
  try {
    return normalizeHostName(text, { underscores });
  } catch (error) {
    if (error instanceof DnsNameError) throw new DnsRecordDataError(error.reason, error.fix);
    throw error;
  }
}

function srvData(text: string): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 3) {
    throw new DnsRecordDataError(
      'must be "weight port target", such as "5 5060 sip.example.com" (the priority is its own field)',
    );
  }
  const [weight, port, target] = parts as [string, string, string];
  const weightValue = uint16(weight, 'weight');
  const portValue = uint16(port, 'port');
  let host: string;
  try {
    host = hostName(target, false);
  } catch (error) {
    if (error instanceof DnsRecordDataError) {
      throw new DnsRecordDataError(`has a target that is not a host name: it ${error.reason}`, error.fix);
    }
    throw error;
  }
  return `${weightValue} ${portValue} ${host}`;
}

function uint16(text: string, part: string): number {
  const value = DIGITS.test(text) ? Number(text) : NaN;
  if (!(value <= 65535)) {
    throw new DnsRecordDataError(
      `must have a ${part} that is ${UINT16_REASON} (got ${JSON.stringify(text)})`,
    );
  }
  return value;
}

function caaData(text: string): string {
  // Split by hand rather than with one regex: a lazy `(.*?)\s*$` over a long run of blanks is quadratic.
  const [flagsText, afterFlags] = firstToken(text.trim());
  const [tagText, valueText] = firstToken(afterFlags ?? '');
  if (flagsText === '' || tagText === '' || valueText === undefined) {
    throw new DnsRecordDataError('must be "flags tag value", such as "0 issue "letsencrypt.org""');
  }
  const flags = DIGITS.test(flagsText) ? Number(flagsText) : NaN;
  if (!(flags <= 255)) {
    throw new DnsRecordDataError(
      `must have flags that are a whole number from 0 to 255 (got "${flagsText}")`,
    );
  }
  const tag = tagText.toLowerCase();
  if (!(CAA_TAGS as readonly string[]).includes(tag)) {
    throw new DnsRecordDataError(`must have the tag issue, issuewild or iodef (got "${tagText}")`);
  }
  const value = unquote(valueText);
  if (!/^[\x20-\x7e]*$/.test(value) || value.includes('"')) {
    throw new DnsRecordDataError('must have a value of printable ASCII characters without inner quotes');
  }
  if (tag === 'iodef' && !/^(mailto:|https?:\/\/)\S+$/.test(value)) {
    throw new DnsRecordDataError('must have an iodef value that is a mailto:, http:// or https:// URL');
  }
  if (value.length > MAX_CAA_VALUE_LENGTH) {
    throw new DnsRecordDataError(`must have a value of at most ${MAX_CAA_VALUE_LENGTH} characters`);
  }
  return `${flags} ${tag} "${value}"`;
}

/**
 * The text up to the first blank, and what follows the blanks after it (undefined when no blank follows).
 * One pass over the text.
 */
function firstToken(text: string): [string, string | undefined] {
  let end = 0;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end += 1;
  if (end === text.length) return [text, undefined];
  return [text.slice(0, end), text.slice(end).trimStart()];
}

/** The characters `\s` and String.prototype.trim treat as blank. */
function isBlank(code: number): boolean {
  return /\s/.test(String.fromCharCode(code));
}

/** A CAA value may come quoted (zone-file style) or bare; either way it is stored quoted. */
function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  return text;
}

function txtData(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TXT_BYTES) {
    throw new DnsRecordDataError(`must be at most ${MAX_TXT_BYTES} bytes long in UTF-8 (it is ${bytes})`);
  }
  if (findControlCharacter(text) !== undefined) {
    throw new DnsRecordDataError('must not contain control characters such as line breaks or tabs');
  }
  return text;
}

/**
 * The text a TXT record carries, from the ways people write it. Zone files and most DNS tools quote TXT
 * data (`"v=spf1 -all"`), and long values are split into several quoted strings of at most 255 bytes
 * (`"part one" "part two"`); resolvers join the parts. So data made only of quoted strings separated by
 * blanks, with `\"` and `\\` escapes inside, means their joined contents; any other data means itself,
 * byte for byte (`v=spf1 -all`, or `say "hi"` with quotes inside).
 */
export function txtContent(data: string): string {
  const trimmed = data.trim();
  if (!trimmed.startsWith('"')) return data;
  let content = '';
  let i = 0;
  while (i < trimmed.length) {
    if (trimmed[i] !== '"') return data;
    i += 1;
    let closed = false;
    while (i < trimmed.length) {
      const char = trimmed[i] as string;
      if (char === '\\' && i + 1 < trimmed.length) {
        content += trimmed[i + 1];
        i += 2;
      } else if (char === '"') {
        closed = true;
        i += 1;
        break;
      } else {
        content += char;
        i += 1;
      }
    }
    if (!closed) return data;
    const afterBlanks = skipBlanks(trimmed, i);
    if (afterBlanks === i && i < trimmed.length) return data;
    i = afterBlanks;
  }
  return content;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i += 1;
  return i;
}

/**
 * The data to send the API for what a user wrote: TXT data as its content (txtContent), so a quoted
 * spelling is not stored with its quotes; every other type as written, since the API canonicalizes it.
 */
export function recordDataToSend(type: DnsRecordType, data: string): string {
  return type === 'TXT' ? txtContent(data) : data;
}

/**
 * Whether two spellings of a record's data mean the same for `type`: `2001:DB8::1` and `2001:db8::1` in
 * an AAAA record, `Mail.Example.com.` and `mail.example.com` in an MX record, `"v=spf1 -all"` (quoted)
 * and `v=spf1 -all` in a TXT record. Other TXT differences, blanks and case included, are real.
 */
export function sameRecordData(type: DnsRecordType, a: string, b: string): boolean {
  if (type === 'TXT') return a === b || txtContent(a) === txtContent(b);
  return sameCanonical(a, b, (data) => normalizeRecordData(type, data));
}
