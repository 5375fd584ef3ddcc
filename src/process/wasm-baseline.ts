import v8 from 'node:v8';

/**
 * Keeps V8 to its baseline WebAssembly compiler (Liftoff) for the rest of the process. undici parses HTTP
 * with llhttp compiled to WebAssembly, and V8 also compiles that module with its optimising compiler on
 * background threads; a process that exits soon after its first request then waits for that compilation to
 * finish. That was ~100 ms (and ~130 ms of CPU) on every provider process that configures, on the critical
 * path of each plan and apply, and 50–100 ms on every `lyctl` command that calls the API
 * (docs/performance.md). llhttp's baseline code parses the API's small answers in microseconds either way.
 *
 * A process-wide choice, so the client library never makes it: the programs that own their process (the provider,
 * lyctl) call this before their first request. The flag is read when a module is compiled, so setting it at
 * run time steers every later compilation and nothing else.
 */
export function useBaselineWasmCompiler(): void {
  v8.setFlagsFromString('--liftoff-only');
}
