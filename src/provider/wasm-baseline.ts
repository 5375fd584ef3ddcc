import v8 from 'node:v8';

let applied = false;

/**
 * Keeps V8 to its baseline WebAssembly compiler (Liftoff) for the rest of the process. undici parses HTTP
 * with llhttp compiled to WebAssembly, and V8 also compiles that module with its optimising compiler on
 * background threads; a process that exits soon after its first request (every provider process Terraform
 * starts does) then waits for that compilation to finish: ~100 ms on each configured provider process,
 * on the critical path of every plan and apply (docs/performance.md). llhttp's baseline code parses the
 * API's small answers in microseconds either way.
 *
 * Must run before the first WebAssembly module is compiled: the flag is read at compile time. Setting a V8
 * flag at run time is safe for flags like this one that only steer later compilations.
 */
export function useBaselineWasmCompiler(): void {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString('--liftoff-only');
}
