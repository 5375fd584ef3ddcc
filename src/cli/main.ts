// The lyctl program: wires the command table to this process. Everything testable lives in dispatch.ts and
// the command files; this file only connects them to argv, the environment and the standard streams.
import { useBaselineWasmCompiler } from '../process/wasm-baseline';
import { COMMANDS } from './commands';
import { runCli } from './dispatch';
import { packageInfo } from './package-root';
import { processTerminal } from './terminal-io';

useBaselineWasmCompiler();

// `lyctl local env | head -1` closes the pipe early; that is not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runCli(
  process.argv.slice(2),
  {
    env: process.env,
    cwd: process.cwd(),
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    stdoutIsTerminal: process.stdout.isTTY === true,
    stderrIsTerminal: process.stderr.isTTY === true,
    stdinIsTerminal: process.stdin.isTTY === true,
    ...processTerminal(),
  },
  COMMANDS,
  () => packageInfo().version,
).then((code) => {
  process.exitCode = code;
});
