import { logApiEvent } from '../../src/provider/api-call-log';
import { createLogger } from '../../src/provider/protocol/logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'trace',
    module: 'api',
    write: (line) => lines.push(JSON.parse(line)),
  });
  return { logger, lines };
}

const origin = {
  operation: 'read',
  resourceType: 'lightyear_ssh_key',
  resourceId: 'sshk_1',
  resourceName: 'laptop',
};

describe('API events as hclog lines', () => {
  it('an attempt is one debug line with every field a person needs', () => {
    const { logger, lines } = capture();
    logApiEvent(
      logger,
      {
        kind: 'attempt',
        method: 'GET',
        path: '/ssh-keys/sshk_1',
        attempt: 2,
        durationMs: 12.4,
        status: 200,
        requestId: 'req_1',
        outcome: '200',
      },
      origin,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        '@level': 'debug',
        '@module': 'api',
        '@message': 'API call GET /ssh-keys/sshk_1 -> 200',
        http_method: 'GET',
        http_path: '/ssh-keys/sshk_1',
        http_status: 200,
        request_id: 'req_1',
        duration_ms: 12,
        attempt: 2,
        tf_operation: 'read',
        tf_resource_type: 'lightyear_ssh_key',
        tf_resource_id: 'sshk_1',
        tf_resource_name: 'laptop',
      }),
    ]);
  });

  it('a retry is a warning with its reason and wait; one the deadline forbids says so', () => {
    const { logger, lines } = capture();
    const retry = {
      kind: 'retry',
      method: 'GET',
      path: '/ssh-keys',
      attempt: 1,
      maxRetries: 4,
      reason: 'HTTP 503',
      delayMs: 480,
    } as const;
    logApiEvent(logger, { ...retry, declined: undefined }, undefined);
    logApiEvent(logger, { ...retry, declined: 'deadline' }, undefined);
    expect(lines.map((line) => [line['@level'], line['@message'], line['reason']])).toEqual([
      ['warn', 'API call GET /ssh-keys failed (HTTP 503); retry 1/4 in 480 ms', 'HTTP 503'],
      [
        'warn',
        'API call GET /ssh-keys failed (HTTP 503); not retried, the wait would pass request_timeout',
        'HTTP 503',
      ],
    ]);
  });

  it('bodies are trace', () => {
    const { logger, lines } = capture();
    logApiEvent(
      logger,
      {
        kind: 'bodies',
        method: 'POST',
        path: '/ssh-keys',
        attempt: 1,
        status: 201,
        requestId: 'req_2',
        requestBody: '{"name":"x"}',
        responseBody: '{}',
      },
      origin,
    );
    expect(lines[0]).toMatchObject({ '@level': 'trace', request_body: '{"name":"x"}', response_body: '{}' });
  });
});
