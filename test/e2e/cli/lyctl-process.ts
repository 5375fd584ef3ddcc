/**
 * Runs the built lyctl as a user does (`node bin/lyctl ...`, a separate process, its real exit code and
 * streams) against a local cloud it started itself. Shared by the lyctl e2e tests of cloud commands.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LYCTL = path.resolve(__dirname, '../../../bin/lyctl');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Written to stdin, then closed; stdin is empty otherwise. */
  input?: string;
  cwd?: string;
  /** Called with each chunk of stderr and the child, e.g. to send SIGINT once a wait has begun. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
}

/** The environment without anything that would pick other credentials than the test's. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !entry[0].startsWith('LIGHTYEAR_') &&
        entry[0] !== 'LYCTL_DEBUG' &&
        entry[0] !== 'LYCTL_CONFIG',
    ),
  );
  return { ...env, ...extra };
}

export function runLyctl(args: readonly string[], options: RunOptions = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LYCTL, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/**
 * A local cloud in a scratch directory, its lifecycle sped up so waits take about a second (or at another
 * speed: `lyctl local start --lifecycle-speed`).
 */
export class ScratchCloud {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lyctl-e2e-'));
  readonly dataDir = path.join(this.dir, 'data');

  constructor(private readonly lifecycleSpeed = '3') {}

  async start(): Promise<void> {
    const started = await runLyctl([
      'local',
      'start',
      '--port',
      '0',
      '--data',
      this.dataDir,
      '--lifecycle-speed',
      this.lifecycleSpeed,
    ]);
    if (started.code !== 0) throw new Error(`local start failed: ${started.stderr}`);
  }

  async stop(): Promise<void> {
    await runLyctl(['local', 'stop', '--data', this.dataDir]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get url(): string {
    return (JSON.parse(fs.readFileSync(path.join(this.dataDir, 'cloud.json'), 'utf8')) as { url: string })
      .url;
  }

  get apiKey(): string {
    return fs.readFileSync(path.join(this.dataDir, 'bootstrap-key'), 'utf8').trim();
  }

  /** lyctl against this cloud, through `--data`. */
  run(args: readonly string[], options: RunOptions = {}): Promise<Result> {
    return runLyctl([...args, '--data', this.dataDir], { cwd: this.dir, ...options });
  }

  /** `--json` output, parsed, after checking the command succeeded. */
  async json<T>(args: readonly string[], options: RunOptions = {}): Promise<T> {
    const result = await this.run([...args, '--json'], options);
    if (result.code !== 0) throw new Error(`lyctl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }
}

/** The lines of a table, split into cells on runs of two or more spaces. */
export function tableRows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}
