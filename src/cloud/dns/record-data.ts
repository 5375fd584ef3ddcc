import type { DnsRecordType } from '../../api';
import { IpAddressError, canonicalIpv4, canonicalIpv6 } from './ip-address';
import { DnsNameError, normalizeHostName } from './names';

/** Record data that does not fit its type; `reason` reads after the field name ("data must ..."). */
export class DnsRecordDataError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DnsRecordDataError';
  }
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
    if (error instanceof IpAddressError) throw new DnsRecordDataError(error.reason);
    throw error;
  }
}

function hostName(text: string, underscores: boolean): string {
  try {
    return normalizeHostName(text, { underscores });
  } catch (error) {
    if (error instanceof DnsNameError) throw new DnsRecordDataError(error.reason);
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
      throw new DnsRecordDataError(`has a target that is not a host name: it ${error.reason}`);
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
  const match = /^\s*(\S+)\s+(\S+)\s+(.*?)\s*$/.exec(text);
  if (match === null) {
    throw new DnsRecordDataError('must be "flags tag value", such as "0 issue "letsencrypt.org""');
  }
  const [, flagsText, tagText, valueText] = match as unknown as [string, string, string, string];
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
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) {
    throw new DnsRecordDataError('must not contain control characters such as line breaks or tabs');
  }
  return text;
}
