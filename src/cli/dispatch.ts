import { LYCTL } from './hints';
import { parseCommandArgs } from './args';
import { isGroup, type Command, type CommandContext, type CommandTableEntry } from './command';
import { describeFileFailure } from '../files/file-error-words';
import { CliError, UsageError } from './errors';
import { commandHelp, groupHelp, mainHelp } from './help';
import { terminalSafe } from './terminal-text';

const HELP_FLAGS = new Set(['-h', '--help']);

/** Whether `--help` appears among a command's arguments (before a `--`, after which everything is literal). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((token) => HELP_FLAGS.has(token));
}

function names(table: readonly { name: string }[]): string {
  return table.map((entry) => entry.name).join(', ');
}

/**
 * Runs one lyctl invocation against a command table and returns the exit code. Every line written has its
 * control characters escaped (terminal-text.ts). Never throws: a `CliError`
 * becomes one line on stderr (usage errors point at the right `--help`); anything else is unexpected and
 * prints one line, plus the stack trace when `LYCTL_DEBUG=1`.
 */
export async function runCli(
  argv: readonly string[],
  rawCtx: CommandContext,
  table: readonly CommandTableEntry[],
  /** Read only when asked for, so a broken installation still gets a readable error line. */
  version: () => string,
): Promise<number> {
  // Every line goes out through here, so no command, error or API text can put a raw escape on a terminal.
  const ctx: CommandContext = {
    ...rawCtx,
    out: (line) => rawCtx.out(terminalSafe(line)),
    err: (line) => rawCtx.err(terminalSafe(line)),
  };
  // How far the dispatch got, so a usage error can name the help that explains it.
  let helpPath = '';
  try {
    const [first, ...rest] = argv;
    if (first === undefined || HELP_FLAGS.has(first)) {
      (first === undefined ? ctx.err : ctx.out)(mainHelp(table, version()));
      return first === undefined ? 2 : 0;
    }
    if (first === '--version') {
      ctx.out(version());
      return 0;
    }
    const entry = table.find((candidate) => candidate.name === first);
    if (entry === undefined) {
      const kind = first.startsWith('-') ? 'unknown option' : 'unknown command';
      throw new UsageError(
        first.startsWith('-') ? 'unknown_option' : 'unknown_command',
        `${kind} '${first}'`,
      );
    }
    helpPath = entry.name;

    let command: Command;
    let commandArgv: readonly string[];
    if (isGroup(entry)) {
      const [sub, ...subRest] = rest;
      if (sub === undefined || HELP_FLAGS.has(sub)) {
        (sub === undefined ? ctx.err : ctx.out)(groupHelp(entry));
        return sub === undefined ? 2 : 0;
      }
      const found = entry.commands.find((candidate) => candidate.name === sub);
      if (found === undefined) {
        throw new UsageError(
          'unknown_command',
          `unknown command '${entry.name} ${sub}'; \`lyctl ${entry.name}\` has: ${names(entry.commands)}`,
        );
      }
      command = found;
      commandArgv = subRest;
      helpPath = `${entry.name} ${found.name}`;
    } else {
      command = entry;
      commandArgv = rest;
    }

    if (asksForHelp(commandArgv)) {
      ctx.out(commandHelp(helpPath, command));
      return 0;
    }
    const parsed = parseCommandArgs(commandArgv, command.options, command.arguments ?? [], helpPath);
    return await command.run(ctx, parsed.options, parsed.args);
  } catch (error) {
    return report(error, ctx, helpPath);
  }
}

function report(error: unknown, ctx: CommandContext, helpPath: string): number {
  if (error instanceof UsageError) {
    const help = helpPath === '' ? `${LYCTL} --help` : `${LYCTL} ${helpPath} --help`;
    ctx.err(`lyctl: ${error.message} (see \`${help}\`)`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    ctx.err(`lyctl: ${error.message}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // A file that could not be read or written is the user's to fix, not a bug: say which and why, in words.
  const fileFailure = describeFileFailure(error);
  if (fileFailure !== undefined && ctx.env.LYCTL_DEBUG !== '1') {
    ctx.err(`lyctl: ${fileFailure}`);
    return 1;
  }
  if (ctx.env.LYCTL_DEBUG === '1') {
    ctx.err(
      `lyctl: unexpected error: ${error instanceof Error && error.stack !== undefined ? error.stack : message}`,
    );
  } else {
    ctx.err(`lyctl: unexpected error: ${message} (set LYCTL_DEBUG=1 for the stack trace)`);
  }
  return 1;
}
