import {
  DnsNameError,
  fullyQualifiedName,
  normalizeDomainName,
  normalizeHostName,
  normalizeRecordName,
  normalizeWrittenRecordName,
  sameDomain,
  sameRecordName,
} from '../../src/spelling/dns-names';

function reasonOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DnsNameError) return error.message;
    throw error;
  }
  throw new Error('expected a DnsNameError');
}

describe('normalizeDomainName', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['a-b.c0.example', 'a-b.c0.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['XN--BCHER-KVA.example.', 'xn--bcher-kva.example'],
    ['1.2.3.example', '1.2.3.example'],
  ])('%s → %s', (input, normalized) => {
    expect(normalizeDomainName(input)).toBe(normalized);
  });

  it('accepts labels of 63 characters and names of 253, and refuses one more of either', () => {
    const label63 = 'a'.repeat(63);
    expect(normalizeDomainName(`${label63}.com`)).toBe(`${label63}.com`);
    expect(reasonOf(() => normalizeDomainName(`${label63}a.com`))).toMatch(
      /^has a label of 64 characters \("aaaaaaaaaaaa\.\.\."\); the limit is 63$/,
    );
    const name253 = `${'a'.repeat(61)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`;
    expect(name253).toHaveLength(253);
    expect(normalizeDomainName(name253)).toBe(name253);
    expect(normalizeDomainName(`${name253}.`)).toBe(name253);
    expect(reasonOf(() => normalizeDomainName(`a${name253}`))).toBe(
      'must be at most 253 characters long (it is 254)',
    );
  });

  it.each([
    ['', 'must not be empty'],
    ['.', 'must be a name such as example.com, not only a dot'],
    ['com', 'must have at least two labels, such as example.com'],
    ['example..com', 'must not have an empty label (a leading dot or two dots in a row)'],
    ['.example.com', 'must not have an empty label (a leading dot or two dots in a row)'],
    ['example.com..', 'must not have an empty label (a leading dot or two dots in a row)'],
    ['-example.com', 'has a label that starts or ends with a hyphen ("-example")'],
    ['example-.com', 'has a label that starts or ends with a hyphen ("example-")'],
    ['ex_ample.com', 'must use only letters, digits and hyphens in each label; it contains "_"'],
    ['exa mple.com', 'must use only letters, digits and hyphens in each label; it contains " "'],
    ['*.example.com', 'must use only letters, digits and hyphens in each label; it contains "*"'],
    ['example.com/..', 'must use only letters, digits and hyphens in each label; it contains "/"'],
    ['exam\nple.com', 'must use only letters, digits and hyphens in each label; it contains "\\n"'],
    ['192.0.2.1', 'must not end in an all-numeric label; an IP address is not a domain name'],
    ['xn--zz.example', 'has a label "xn--zz" that is not valid punycode'],
  ])('refuses %j: %s', (input, reason) => {
    expect(reasonOf(() => normalizeDomainName(input))).toBe(reason);
  });

  it('refuses Unicode and names the punycode form to send instead', () => {
    expect(reasonOf(() => normalizeDomainName('Bücher.example.'))).toBe(
      'must be ASCII: internationalized names are written in punycode (xn--); send the punycode form "xn--bcher-kva.example"',
    );
  });
});

describe('normalizeHostName', () => {
  it('lower-cases and drops the trailing dot', () => {
    expect(normalizeHostName('Mail.Example.NET.')).toBe('mail.example.net');
  });

  it('refuses underscore labels unless asked to allow them (CNAME targets)', () => {
    expect(reasonOf(() => normalizeHostName('s1._domainkey.example.net'))).toMatch(/it contains "_"/);
    expect(normalizeHostName('S1._domainkey.example.net.', { underscores: true })).toBe(
      's1._domainkey.example.net',
    );
  });

  it('needs a fully qualified name', () => {
    expect(reasonOf(() => normalizeHostName('mail'))).toBe(
      'must have at least two labels, such as example.com',
    );
  });
});

describe('normalizeRecordName', () => {
  const domain = 'example.com';

  it.each([
    ['', ''],
    ['@', ''],
    ['www', 'www'],
    ['WWW.Dev', 'www.dev'],
    ['*', '*'],
    ['*.dev', '*.dev'],
    ['_dmarc', '_dmarc'],
    ['_sip._tcp', '_sip._tcp'],
    ['selector1._domainkey', 'selector1._domainkey'],
    ['example', 'example'],
    ['www.example.org', 'www.example.org'],
  ])('%j → %j', (input, normalized) => {
    expect(normalizeRecordName(input, domain)).toBe(normalized);
  });

  it.each([
    [
      'www.',
      'must be relative to the domain, without a trailing dot ("www" for www.example.com; "" or "@" for the apex)',
    ],
    ['www.example.com', 'already ends with the domain example.com; send it relative to the domain ("www")'],
    ['WWW.Example.Com', 'already ends with the domain example.com; send it relative to the domain ("www")'],
    ['example.com', 'is the domain itself; use "" or "@" for the apex'],
    ['www.*', 'may use "*" only as the whole leftmost label, as in "*" or "*.dev"'],
    ['*www', 'may use "*" only as the whole leftmost label, as in "*" or "*.dev"'],
    ['www..dev', 'must not have an empty label (a leading dot or two dots in a row)'],
    ['-www', 'has a label that starts or ends with a hyphen ("-www")'],
    ['w w', 'must use only letters, digits, hyphens and underscores in each label; it contains " "'],
    ['@.www', 'must use only letters, digits, hyphens and underscores in each label; it contains "@"'],
    ['../etc', 'must not have an empty label (a leading dot or two dots in a row)'],
  ])('refuses %j: %s', (input, reason) => {
    expect(reasonOf(() => normalizeRecordName(input, domain))).toBe(reason);
  });

  it('counts the domain in the 253-character limit', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(49)}`;
    expect(normalizeRecordName(name, domain)).toBe(name); // 241 + 1 + 11 = 253
    expect(reasonOf(() => normalizeRecordName(`${name}d`, domain))).toBe(
      'makes a full name 254 characters long with the domain; the limit is 253',
    );
  });

  it('refuses Unicode with the punycode label to send', () => {
    expect(reasonOf(() => normalizeRecordName('bücher', domain))).toBe(
      'must be ASCII: internationalized names are written in punycode (xn--); send the punycode form "xn--bcher-kva"',
    );
  });
});

describe('fullyQualifiedName', () => {
  it('is the domain at the apex and name.domain elsewhere', () => {
    expect(fullyQualifiedName('', 'example.com')).toBe('example.com');
    expect(fullyQualifiedName('www', 'example.com')).toBe('www.example.com');
  });
});

describe('sameDomain', () => {
  it('ignores case and one trailing dot', () => {
    expect(sameDomain('Example.COM.', 'example.com')).toBe(true);
    expect(sameDomain('example.com', 'example.org')).toBe(false);
  });

  it('never equates a Unicode spelling with its punycode: the API refuses the former', () => {
    expect(sameDomain('bücher.example', 'xn--bcher-kva.example')).toBe(false);
  });
});

describe('sameRecordName', () => {
  it('treats "@" and "" as the apex, and ignores case', () => {
    expect(sameRecordName('@', '', 'example.com')).toBe(true);
    expect(sameRecordName('WWW', 'www', 'Example.com.')).toBe(true);
    expect(sameRecordName('www', 'api', 'example.com')).toBe(false);
  });

  it('does not take a fully qualified spelling for the relative one (the API refuses it)', () => {
    expect(sameRecordName('www.example.com', 'www', 'example.com')).toBe(false);
  });
});

describe('normalizeWrittenRecordName', () => {
  it.each([
    ['www', 'www'],
    ['WWW', 'www'],
    ['@', ''],
    ['', ''],
    ['www.example.com.', 'www'],
    ['WWW.Example.COM.', 'www'],
    ['example.com.', ''],
    ['Example.COM.', ''],
    ['_dmarc.example.com.', '_dmarc'],
  ])('%j in example.com is %j', (written, relative) => {
    expect(normalizeWrittenRecordName(written, 'example.com')).toBe(relative);
  });

  it('refuses an absolute name outside the domain, and a fully qualified name without the dot', () => {
    expect(() => normalizeWrittenRecordName('www.example.net.', 'example.com')).toThrow(
      /absolute name outside the domain example\.com/,
    );
    expect(() => normalizeWrittenRecordName('www.example.com', 'example.com')).toThrow(DnsNameError);
    expect(() => normalizeWrittenRecordName('notexample.com.', 'example.com')).toThrow(DnsNameError);
  });

  it('makes the absolute spelling the same name as the relative one', () => {
    expect(sameRecordName('www.example.com.', 'www', 'example.com')).toBe(true);
    expect(sameRecordName('Example.com.', '@', 'example.com')).toBe(true);
  });
});
