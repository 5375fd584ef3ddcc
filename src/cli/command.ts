/**
 * The shape of a lyctl command. The dispatcher, the argument parser and the help text are all driven by these
 * declarations, so adding a command (or a whole group such as `ssh-key`) is adding one entry to the table in
 * `commands/index.ts`.
 */

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One letter, used as `-x`. */
  readonly short?: string;
  /** Placeholder shown in help for a string option's value, e.g. `N` or `DIR`. */
  readonly valueName?: string;
  readonly description: string;
  /** A string option that may be given several times (`--ssh-key A --ssh-key B`): its value is a list. */
  readonly multiple?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string;
};

export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Writes one line to standard output (the command's result, meant for pipes and `eval`). */
  readonly out: (line: string) => void;
  /** Writes one line to standard error (progress and notes for the person at the terminal). */
  readonly err: (line: string) => void;
  /**
   * Whether standard output is a terminal. When it is not, `local env` is being captured for `eval`, and a
   * failure must be something the shell does rather than a message nobody sees. Absent means not a terminal.
   */
  readonly stdoutIsTerminal?: boolean;
  /** Whether standard error is a terminal: progress rewrites one line there, and prints plain lines otherwise. */
  readonly stderrIsTerminal?: boolean;
  /** Whether standard input is a terminal, so a question can be asked (`server destroy`, `profile add`). */
  readonly stdinIsTerminal?: boolean;
  /**
   * Rewrites the progress line on standard error (only called when `stderrIsTerminal`); `undefined` ends it,
   * leaving the last text on its own line. The text is escaped like every other line.
   */
  readonly progress?: (text: string | undefined) => void;
  /** Asks one question on the terminal and answers the line typed; `secret` turns echo off. */
  readonly ask?: (question: string, options?: { secret?: boolean }) => Promise<string>;
  /** Everything on standard input, when it is not a terminal (a key piped to `profile add`). */
  readonly readStdin?: () => Promise<string>;
  /**
   * Runs `work` with a signal aborted by Ctrl-C (SIGINT), so a wait can stop cleanly; outside of it, Ctrl-C
   * ends the process as usual. Absent: nothing interrupts.
   */
  readonly interruptible?: <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  /** Runs a program with the terminal handed over (`server ssh`); answers its exit code. */
  readonly runInteractive?: (program: string, args: readonly string[]) => Promise<number>;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line, shown in the command list. */
  readonly summary: string;
  /** Paragraphs shown by `--help` under the usage line. */
  readonly description?: string;
  readonly options: O;
  readonly arguments?: readonly ArgumentSpec[];
  /** Returns the process exit code. Failures are thrown as `CliError`s. */
  run(ctx: CommandContext, options: OptionValues<O>, args: readonly string[]): Promise<number>;
}

export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
}

export type CommandTableEntry = Command | CommandGroup;

export function isGroup(entry: CommandTableEntry): entry is CommandGroup {
  return 'commands' in entry;
}

/** Lets each command file declare its options once and still get typed option values in `run`. */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command {
  return command as unknown as Command;
}
