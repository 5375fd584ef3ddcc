import { parseCommandArgs, parsePort } from '../../src/cli/args';
import type { OptionSpecs } from '../../src/cli/command';
import { UsageError } from '../../src/cli/errors';

const specs = {
  port: { type: 'string', short: 'p', valueName: 'N', description: 'port' },
  data: { type: 'string', valueName: 'DIR', description: 'data' },
  force: { type: 'boolean', description: 'force' },
} as const satisfies OptionSpecs;

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandArgs', () => {
  it('reads separate, inline and short values and booleans', () => {
    const parsed = parseCommandArgs(['--port', '0', '--data=/x y', '--force'], specs, [], 'local start');
    expect(parsed.options).toEqual({ port: '0', data: '/x y', force: true });
    expect(parseCommandArgs(['-p', '9'], specs, [], 'c').options).toEqual({ port: '9' });
  });

  it('keeps the last of a repeated option', () => {
    expect(parseCommandArgs(['--port', '1', '--port', '2'], specs, [], 'c').options.port).toBe('2');
  });

  it('takes a value that starts with one dash, and everything after -- as arguments', () => {
    expect(parseCommandArgs(['--data', '-weird'], specs, [], 'c').options.data).toBe('-weird');
    const parsed = parseCommandArgs(['--', '--port'], specs, [{ name: 'ID', description: 'id' }], 'c');
    expect(parsed.args).toEqual(['--port']);
    expect(parsed.options).toEqual({});
  });

  it('names an unknown option and the command', () => {
    const error = usageError(() => parseCommandArgs(['--prot', '1'], specs, [], 'local start'));
    expect(error.code).toBe('unknown_option');
    expect(error.message).toBe('unknown option --prot for `lyctl local start`');
    expect(usageError(() => parseCommandArgs(['--prot=1'], specs, [], 'c')).message).toContain('--prot ');
    expect(usageError(() => parseCommandArgs(['-x'], specs, [], 'c')).code).toBe('unknown_option');
    expect(usageError(() => parseCommandArgs(['-pq'], specs, [], 'c')).code).toBe('unknown_option');
  });

  it('does not treat inherited object keys as options', () => {
    expect(usageError(() => parseCommandArgs(['--constructor'], specs, [], 'c')).code).toBe('unknown_option');
  });

  it('refuses a missing value and a value given to a boolean', () => {
    expect(usageError(() => parseCommandArgs(['--port'], specs, [], 'c')).message).toBe(
      '--port needs a value (--port N)',
    );
    expect(usageError(() => parseCommandArgs(['--port', '--force'], specs, [], 'c')).code).toBe(
      'missing_option_value',
    );
    expect(usageError(() => parseCommandArgs(['--force=yes'], specs, [], 'c')).code).toBe(
      'invalid_option_value',
    );
  });

  it('checks the number of arguments', () => {
    expect(usageError(() => parseCommandArgs(['extra'], specs, [], 'local stop')).message).toBe(
      "unexpected argument 'extra' for `lyctl local stop`",
    );
    const id = [{ name: 'ID', description: 'the key' }];
    expect(usageError(() => parseCommandArgs([], specs, id, 'ssh-key delete')).code).toBe('missing_argument');
    expect(parseCommandArgs(['sshk_1'], specs, id, 'ssh-key delete').args).toEqual(['sshk_1']);
    expect(parseCommandArgs([], specs, [{ ...id[0]!, optional: true }], 'c').args).toEqual([]);
  });
});

describe('parsePort', () => {
  it('accepts 0 to 65535', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8787')).toBe(8787);
    expect(parsePort('65535')).toBe(65535);
  });

  it.each(['65536', '-1', '80.5', 'http', '', '1e3', ' 80'])('refuses %j', (value) => {
    const error = usageError(() => parsePort(value));
    expect(error.code).toBe('invalid_option_value');
    expect(error.exitCode).toBe(2);
  });
});

describe('options given several times', () => {
  const multi = {
    'ssh-key': { type: 'string', multiple: true, description: 'key' },
    label: { type: 'string', description: 'label' },
  } as const satisfies OptionSpecs;

  it('keeps every value of a multiple option, in order, in both spellings', () => {
    const parsed = parseCommandArgs(['--ssh-key', 'a', '--ssh-key=b', '--label', 'x'], multi, [], 'c');
    expect(parsed.options).toEqual({ 'ssh-key': ['a', 'b'], label: 'x' });
  });

  it('gives a list of one for a single use and nothing when absent', () => {
    expect(parseCommandArgs(['--ssh-key', 'a'], multi, [], 'c').options['ssh-key']).toEqual(['a']);
    expect(parseCommandArgs([], multi, [], 'c').options['ssh-key']).toBeUndefined();
  });
});
