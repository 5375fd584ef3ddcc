import { DEFAULT_ENDPOINT, isLoopbackHost, parseEndpoint } from '../../src/client/endpoint';
import { LightyearConfigError } from '../../src/client/errors';

describe('parseEndpoint', () => {
  it('splits the default endpoint into origin and base path', () => {
    expect(parseEndpoint(DEFAULT_ENDPOINT)).toEqual({
      origin: 'https://api.lightyear.host',
      basePath: '/v1',
      href: 'https://api.lightyear.host/v1',
    });
  });

  it('drops a trailing slash and reads a bare origin as the /v1 root', () => {
    expect(parseEndpoint('https://api.example.test/v1/').href).toBe('https://api.example.test/v1');
    expect(parseEndpoint('http://127.0.0.1:8080').href).toBe('http://127.0.0.1:8080/v1');
  });

  it.each(['http://127.0.0.1:1/v1', 'http://127.9.8.7/v1', 'http://localhost:9/v1', 'http://[::1]:9/v1'])(
    'allows plain http to the loopback host of %s',
    (endpoint) => {
      expect(parseEndpoint(endpoint).href).toBe(endpoint);
    },
  );

  it.each([
    'http://api.lightyear.host/v1',
    'http://10.0.0.1/v1',
    'http://128.0.0.1/v1',
    'http://localhost.evil.test',
  ])('refuses plain http to the non-loopback host of %s', (endpoint) => {
    expect(() => parseEndpoint(endpoint)).toThrow(LightyearConfigError);
    expect(() => parseEndpoint(endpoint)).toThrow(/refusing plain http:\/\/ .*use https:\/\//);
  });

  it('explains a typo instead of failing somewhere later', () => {
    expect(() => parseEndpoint('api.lightyear.host/v1')).toThrow(
      'endpoint "api.lightyear.host/v1" is not a valid URL; expected something like https://api.lightyear.host/v1',
    );
    expect(() => parseEndpoint('htps://api.lightyear.host/v1')).toThrow(
      /must start with https:\/\/ \(got htps:\/\/\)/,
    );
  });

  it('refuses credentials, queries and fragments in the endpoint', () => {
    expect(() => parseEndpoint('https://user:pw@api.lightyear.host/v1')).toThrow(
      /must not carry credentials/,
    );
    expect(() => parseEndpoint('https://api.lightyear.host/v1?x=1')).toThrow(/query or fragment/);
  });

  it('gives every refusal the invalid_config code', () => {
    expect(() => parseEndpoint('nope')).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1 and nothing else', () => {
    expect(['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.1', '[::1]', '::1'].every(isLoopbackHost)).toBe(
      true,
    );
    expect(
      ['0.0.0.0', '::', '[::2]', 'example.com', '127.example.com', '1.127.0.0'].some(isLoopbackHost),
    ).toBe(false);
  });
});
