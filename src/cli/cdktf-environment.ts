/**
 * The environment cdktf runs in. cdktf draws with ink: on a terminal, spinners and colour; anywhere else (a
 * pipe, a CI log, a test) the same frames end up as hundreds of lines of `⠋ Synthesizing` and escape codes
 * around the output that matters. ink writes only final frames under `CI`, and chalk writes no colour under
 * `FORCE_COLOR=0`; what the user set explicitly is left alone.
 */
export function cdktfEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  { terminal }: { terminal: boolean },
): Record<string, string | undefined> {
  if (terminal) return { ...env };
  return { ...env, CI: env.CI ?? '1', FORCE_COLOR: env.FORCE_COLOR ?? '0', NO_COLOR: env.NO_COLOR ?? '1' };
}
