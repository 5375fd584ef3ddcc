import { ApiCallError, EXIT, apiExitCode } from '../../src/cli/errors';

describe('apiExitCode', () => {
  it('tells not found, refused, wrong key and unreachable apart', () => {
    expect(apiExitCode('not_found', 404)).toBe(EXIT.notFound);
    expect(apiExitCode('invalid_request', 400)).toBe(EXIT.refused);
    expect(apiExitCode('conflict', 409)).toBe(EXIT.refused);
    expect(apiExitCode('rate_limit_exceeded', 429)).toBe(EXIT.refused);
    expect(apiExitCode('internal_error', 500)).toBe(EXIT.refused);
    expect(apiExitCode('authentication_failed', 401)).toBe(EXIT.unauthorized);
    expect(apiExitCode('forbidden', 403)).toBe(EXIT.unauthorized);
    expect(apiExitCode('connection_failed', undefined)).toBe(EXIT.unreachable);
    expect(apiExitCode('wait_timeout', undefined)).toBe(EXIT.failure);
  });

  it('keeps the code distinct from usage errors and local status', () => {
    const codes = [
      EXIT.failure,
      EXIT.usage,
      EXIT.notRunning,
      EXIT.notFound,
      EXIT.refused,
      EXIT.unauthorized,
      EXIT.unreachable,
    ];
    expect(new Set(codes).size).toBe(codes.length);
    expect(new ApiCallError('not_found', 'gone', 404).exitCode).toBe(4);
  });
});
