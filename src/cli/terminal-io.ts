import { spawn } from 'node:child_process';
import type { CommandContext } from './command';
import { InterruptedError } from './errors';
import { terminalSafe } from './terminal-text';

/**
 * The parts of `CommandContext` that touch this process's terminal: the progress line, questions (with echo
 * off for secrets), standard input, Ctrl-C during waits, and handing the terminal to `ssh`. main.ts wires
 * them; tests of commands pass their own.
 */
export function processTerminal(): Pick<
  CommandContext,
  'progress' | 'ask' | 'readStdin' | 'interruptible' | 'runInteractive'
> {
  return {
    progress: (text) => {
      // \r + erase-line rewrites the line in place; the text itself is escaped like any other line.
      if (text === undefined) process.stderr.write('\n');
      else process.stderr.write(`\r\u001b[2K${terminalSafe(text)}`);
    },
    ask,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    interruptible: async (work) => {
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.on('SIGINT', onSigint);
      try {
        return await work(controller.signal);
      } finally {
        process.off('SIGINT', onSigint);
      }
    },
    runInteractive: (program, args) =>
      new Promise((resolve, reject) => {
        const child = spawn(program, args, { stdio: 'inherit' });
        // While the program has the terminal, Ctrl-C is its to handle (ssh passes it to the remote shell).
        const ignore = (): void => undefined;
        process.on('SIGINT', ignore);
        child.on('error', (err) => {
          process.off('SIGINT', ignore);
          reject(err);
        });
        child.on('exit', (code, signal) => {
          process.off('SIGINT', ignore);
          resolve(code ?? (signal === null ? 1 : 128 + 2));
        });
      }),
  };
}

/** One line typed on the terminal. With `secret`, nothing typed is shown (raw mode, no echo). */
function ask(question: string, options: { secret?: boolean } = {}): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(terminalSafe(question));
  return new Promise((resolve, reject) => {
    let typed = '';
    const raw = options.secret === true && stdin.isTTY === true;
    if (raw) stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      if (raw) process.stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onEnd = (): void => finish();
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\n' || char === '\r' || char === '\u0004') return finish();
        // Ctrl-C in raw mode arrives as a character, not a signal.
        if (char === '\u0003') return finish(new InterruptedError('cancelled; nothing was changed'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
  });
}
