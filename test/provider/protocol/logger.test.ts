import { createLogger, hclogTimestamp, levelFromEnvironment } from '../../../src/provider/protocol/logger';

describe('hclog JSON logger', () => {
  const fixed = new Date('2030-01-02T03:04:05.678Z');

  it('writes one hclog JSON line per entry, with go-plugin’s six-digit timestamp', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      module: 'proto',
      write: (line) => lines.push(line),
      now: () => fixed,
    });
    logger.debug('configured', { resources: 3, skipped: undefined });
    expect(lines).toEqual([
      '{"@level":"debug","@message":"configured","@timestamp":"2030-01-02T03:04:05.678000Z","@module":"proto","resources":3}\n',
    ]);
  });

  it('drops entries below its level and names child modules', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      module: 'a',
      write: (line) => lines.push(line),
      now: () => fixed,
    });
    logger.debug('hidden');
    logger.child('b').warn('shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      '@level': 'warn',
      '@module': 'a.b',
      '@message': 'shown',
    });
  });

  it('formats timestamps as go-plugin parses them', () => {
    expect(hclogTimestamp(new Date('2030-01-02T03:04:05.000Z'))).toBe('2030-01-02T03:04:05.000000Z');
  });

  it('takes its level from TF_LOG_PROVIDER, then TF_LOG, as Terraform spells them', () => {
    expect(levelFromEnvironment({})).toBe('warn');
    expect(levelFromEnvironment({ TF_LOG: 'DEBUG' })).toBe('debug');
    expect(levelFromEnvironment({ TF_LOG: 'DEBUG', TF_LOG_PROVIDER: 'error' })).toBe('error');
    expect(levelFromEnvironment({ TF_LOG: 'JSON' })).toBe('trace');
    expect(levelFromEnvironment({ TF_LOG: 'off' })).toBe('warn');
  });
});
