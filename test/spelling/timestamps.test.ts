import { canonicalTimestamp, judge, sameTimestamp, timestampMs } from '../../src/spelling';

describe('canonicalTimestamp', () => {
  it.each([
    ['2027-01-31T12:00:00Z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T12:00:00+00:00', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T13:30:00+01:30', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T07:00:00-05:00', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31t12:00:00z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31 12:00:00Z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T12:00:00.5Z', '2027-01-31T12:00:00.500Z'],
    ['2027-01-31T12:00:00.123456789Z', '2027-01-31T12:00:00.123Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    [' 2027-01-31T12:00:00Z\n', '2027-01-31T12:00:00.000Z'],
  ])('reads %j as %s', (text, canonical) => {
    expect(canonicalTimestamp(text)).toBe(canonical);
  });

  it.each([
    'next tuesday',
    '2027-01-31',
    '2027-01-31T12:00:00',
    '2027-02-30T12:00:00Z',
    '2027-13-01T12:00:00Z',
    '2027-01-31T24:00:00Z',
    '2027-01-31T12:60:00Z',
    '2027-01-31T12:00:00+25:00',
    '1738324800',
  ])('refuses %j with an example of the form', (text) => {
    const verdict = judge(() => canonicalTimestamp(text));
    expect(verdict).toMatchObject({
      ok: false,
      problem: { code: 'invalid_timestamp', fix: expect.stringContaining('2027-01-31T12:00:00Z') },
    });
  });

  it('timestampMs is the instant', () => {
    expect(timestampMs('1970-01-01T00:00:01+00:00')).toBe(1000);
  });
});

describe('sameTimestamp', () => {
  it('is true for spellings of one instant, false otherwise, and never throws', () => {
    expect(sameTimestamp('2027-01-31T12:00:00Z', '2027-01-31T13:00:00.000000+01:00')).toBe(true);
    expect(sameTimestamp('2027-01-31T12:00:00Z', '2027-01-31T12:00:01Z')).toBe(false);
    expect(sameTimestamp('soon', 'soon')).toBe(true);
    expect(sameTimestamp('soon', '2027-01-31T12:00:00Z')).toBe(false);
  });
});
