import { checkTimeout, parseGoDuration } from '../../src/provider/go-duration';

describe('Go durations', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1h2m3s4ms', 3_723_004],
    ['250000us', 250],
    ['250000µs', 250],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 6);
  });

  it.each(['', '30', 's', '30 s', '-30s', '+30s', '1d', '30S', '1m 30s', '1..5s'])('refuses %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it('says what a timeout setting must look like, naming the setting', () => {
    expect(checkTimeout('request_timeout', '30')).toBe(
      'request_timeout must be a duration such as "30s", "2m" or "1m30s" (units h, m, s, ms), not "30"',
    );
    expect(checkTimeout('request_timeout', '0s')).toBe('request_timeout must be at least 1ms (got "0s")');
    expect(checkTimeout('LIGHTYEAR_REQUEST_TIMEOUT', '48h')).toBe(
      'LIGHTYEAR_REQUEST_TIMEOUT must be at most 24h (got "48h")',
    );
    expect(checkTimeout('request_timeout', '45s')).toBeUndefined();
  });
});
