/**
 * Logging in hclog's JSON line format on stderr. go-plugin parses each stderr line of the provider as JSON
 * and re-logs `@level`/`@message` (plus the other keys) through Terraform's own logger, so these lines show
 * up under `TF_LOG` with the provider's name. Stdout is reserved for the handshake line.
 *
 * Never pass DynamicValue contents of the provider configuration as fields: it holds the API key.
 */

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `@module` = `<this module>.<name>`. */
  child(name: string): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are not written. Default: from `TF_LOG_PROVIDER`, then `TF_LOG`, else `warn`. */
  level?: LogLevel;
  /** hclog module name (go-plugin prefixes it with the provider's). */
  module?: string;
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/**
 * Terraform's own level words: TRACE/DEBUG/INFO/WARN/ERROR, and JSON which means TRACE in JSON form.
 * Any other non-empty value also means TRACE, as in Terraform.
 */
export function levelFromEnvironment(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = (env['TF_LOG_PROVIDER'] || env['TF_LOG'] || '').trim().toLowerCase();
  if (raw === '' || raw === 'off') return 'warn';
  return (LOG_LEVELS as readonly string[]).includes(raw) ? (raw as LogLevel) : 'trace';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? levelFromEnvironment());
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());

  const make = (module: string | undefined): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      const record: Record<string, unknown> = {
        '@level': level,
        '@message': message,
        '@timestamp': hclogTimestamp(now()),
      };
      if (module !== undefined) record['@module'] = module;
      if (fields !== undefined) {
        for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = value;
      }
      write(`${JSON.stringify(record)}\n`);
    };
    return {
      trace: (message, fields) => emit('trace', message, fields),
      debug: (message, fields) => emit('debug', message, fields),
      info: (message, fields) => emit('info', message, fields),
      warn: (message, fields) => emit('warn', message, fields),
      error: (message, fields) => emit('error', message, fields),
      child: (name) => make(module === undefined ? name : `${module}.${name}`),
    };
  };
  return make(options.module);
}

/**
 * go-plugin parses `@timestamp` with the layout `2006-01-02T15:04:05.000000Z07:00`: exactly six fractional
 * digits, or it drops the whole line's structure and logs it as raw text.
 */
export function hclogTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}
