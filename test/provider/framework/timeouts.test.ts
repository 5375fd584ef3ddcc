import { parseGoDuration, timeoutMs } from '../../../src/provider/framework/timeouts';

describe("Go's duration syntax", () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['2h45m30.5s', 9_930_500],
    ['0', 0],
    ['+5m', 300_000],
  ])('parses %s', (text, ms) => {
    expect(parseGoDuration(text)).toEqual({ ms });
  });

  it.each(['', '10', '10 minutes', 'm', '1x', '1.2.3s', '.s', '10m ', '-5m'])(
    'refuses %j with a reason',
    (text) => {
      const parsed = parseGoDuration(text);
      expect(parsed).toHaveProperty('error');
    },
  );

  it('takes the configured timeout of an operation, or the fallback', () => {
    expect(timeoutMs({ timeouts: { create: '2m', delete: null } }, 'create', '20m')).toBe(120_000);
    expect(timeoutMs({ timeouts: { create: null, delete: null } }, 'create', '20m')).toBe(1_200_000);
    expect(timeoutMs({ timeouts: null }, 'delete', '1m')).toBe(60_000);
  });
});
