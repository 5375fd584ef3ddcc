import { LYCTL } from './hints';
import {
  isGroup,
  type Command,
  type CommandGroup,
  type CommandTableEntry,
  type OptionSpecs,
} from './command';

const HELP_OPTION = { flags: '-h, --help', description: 'show this help' };

/** Two columns, the first padded to its widest entry. */
function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

function optionRows(options: OptionSpecs): [string, string][] {
  const rows: [string, string][] = Object.entries(options).map(([name, spec]) => {
    const value =
      spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}${spec.multiple === true ? '...' : ''}` : '';
    const long = `--${name}${value}`;
    return [spec.short === undefined ? long : `-${spec.short}, ${long}`, spec.description];
  });
  rows.push([HELP_OPTION.flags, HELP_OPTION.description]);
  return rows;
}

function commandLines(table: readonly CommandTableEntry[]): [string, string][] {
  return table.flatMap((entry): [string, string][] =>
    isGroup(entry)
      ? entry.commands.map((command): [string, string] => [`${entry.name} ${command.name}`, command.summary])
      : [[entry.name, entry.summary]],
  );
}

export function mainHelp(table: readonly CommandTableEntry[], version: string): string {
  return [
    `lyctl ${version}: LightYear Cloud from the command line`,
    '',
    'Usage: lyctl <command> [options]',
    '',
    'Commands:',
    ...columns(commandLines(table)),
    '',
    'Options:',
    ...columns([
      ['-h, --help', 'show this help'],
      ['--version', 'print the version'],
    ]),
    '',
    'Environment:',
    ...columns([
      [
        'LIGHTYEAR_HOME',
        'data directory when --data is not given (default: the nearest .lightyear upwards, else ./.lightyear)',
      ],
      ['LIGHTYEAR_PORT', 'port of the local cloud when --port is not given (default: 8787)'],
      ['LIGHTYEAR_API_KEY', 'API key for cloud commands (with LIGHTYEAR_ENDPOINT, LIGHTYEAR_CA_CERT)'],
      [
        'LIGHTYEAR_PROFILE',
        'profile for cloud commands when neither --profile nor LIGHTYEAR_API_KEY is given',
      ],
      ['LYCTL_CONFIG', 'the profile file (default: ~/.config/lyctl/profiles.json)'],
      ['LYCTL_DEBUG=1', 'print the stack trace of unexpected errors'],
    ]),
    '',
    `Run \`${LYCTL} <command> --help\` for the options of a command.`,
  ].join('\n');
}

export function groupHelp(group: CommandGroup): string {
  return [
    `lyctl ${group.name}: ${group.summary}`,
    '',
    `Usage: lyctl ${group.name} <command> [options]`,
    '',
    'Commands:',
    ...columns(group.commands.map((command): [string, string] => [command.name, command.summary])),
    '',
    `Run \`${LYCTL} ${group.name} <command> --help\` for the options of a command.`,
  ].join('\n');
}

export function commandHelp(path: string, command: Command): string {
  const args = (command.arguments ?? []).map((a) => (a.optional === true ? `[${a.name}]` : a.name));
  const lines = [`Usage: lyctl ${[path, '[options]', ...args].join(' ')}`, '', command.summary + '.'];
  if (command.description !== undefined) lines.push('', command.description);
  if (command.arguments !== undefined && command.arguments.length > 0) {
    lines.push(
      '',
      'Arguments:',
      ...columns(command.arguments.map((a): [string, string] => [a.name, a.description])),
    );
  }
  lines.push('', 'Options:', ...columns(optionRows(command.options)));
  return lines.join('\n');
}
