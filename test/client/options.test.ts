import { LightyearConfigError } from '../../src/client/errors';
import { CLIENT_USER_AGENT, resolveOptions } from '../../src/client/options';

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveOptions({ apiKey: 'k' });
    expect(resolved).toMatchObject({
      endpoint: { href: 'https://api.lightyear.host/v1' },
      userAgent: CLIENT_USER_AGENT,
      requestsPerMinute: 600,
      maxRetries: 4,
      retryBaseDelayMs: 500,
      maxRetryDelayMs: 60_000,
      timeoutMs: 30_000,
    });
    expect(CLIENT_USER_AGENT).toMatch(/^lightyear-client\/\d+\.\d+\.\d+ node\/\d+/);
  });

  it('puts a caller-given user agent in front of the client product token', () => {
    expect(resolveOptions({ apiKey: 'k', userAgent: 'lyctl/1.0' }).userAgent).toBe(
      `lyctl/1.0 ${CLIENT_USER_AGENT}`,
    );
  });

  it.each(['', '   '])('refuses an empty API key (%j)', (apiKey) => {
    expect(() => resolveOptions({ apiKey })).toThrow(
      new LightyearConfigError(
        'an API key is required (apiKey is empty); create one in the LightYear console',
      ),
    );
  });

  it('refuses an API key with a line break in the middle, without echoing it', () => {
    const attempt = () => resolveOptions({ apiKey: 'ly_secret\nmore' });
    expect(attempt).toThrow(LightyearConfigError);
    expect(attempt).not.toThrow(/ly_secret/);
  });

  it('refuses nonsensical numbers', () => {
    expect(() => resolveOptions({ apiKey: 'k', requestsPerMinute: 0 })).toThrow(
      /requestsPerMinute must be a positive/,
    );
    expect(() => resolveOptions({ apiKey: 'k', maxRetries: -1 })).toThrow(
      /maxRetries must be a whole number/,
    );
    expect(() => resolveOptions({ apiKey: 'k', maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => resolveOptions({ apiKey: 'k', timeoutMs: Infinity })).toThrow(/timeoutMs/);
    expect(resolveOptions({ apiKey: 'k', requestsPerMinute: Infinity }).requestsPerMinute).toBe(Infinity);
  });

  it('does not echo the API key when it was passed as the endpoint by mistake', () => {
    const attempt = () => resolveOptions({ apiKey: 'ly_live_0123456789', endpoint: 'ly_live_0123456789' });
    expect(attempt).toThrow(/not a valid URL/);
    expect(attempt).not.toThrow(/ly_live_0123456789/);
  });

  it('passes log lines through the redactor', () => {
    const lines: string[] = [];
    const resolved = resolveOptions({ apiKey: 'ly_live_0123456789', log: (line) => lines.push(line) });
    resolved.log('echo ly_live_0123456789 back');
    expect(lines).toEqual(['echo [redacted] back']);
  });
});
