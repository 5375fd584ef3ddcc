/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temp dir, `pg_ctl start` on a free 127.0.0.1 port
 * with trust authentication and no durability (fsync off: the data dies with the test), `stop()` to end it.
 *
 *   const pg = await startPostgres();
 *   afterAll(() => pg.stop());
 *   process.env.PG_CONN_STR = pg.connectionString;
 *   await pg.query('SELECT 1'); // psql -At: one row a line, columns separated by |
 *
 * PostgreSQL refuses to run as root; under root (containers) the server runs as the `postgres` user, which
 * the PostgreSQL packages create.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres?sslmode=disable`: what `PG_CONN_STR` takes. */
  readonly connectionString: string;
  readonly port: number;
  /** Runs SQL through `psql -At` and returns its standard output. */
  query(sql: string): Promise<string>;
  /** Stops the server (immediate mode) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * The directory holding `initdb`, `pg_ctl` and `psql`: where the PATH's `initdb` really lives (a PATH entry may
 * hold links to only some of them), else the newest Debian-style install.
 */
export function postgresBinDir(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const initdb = dir ? path.join(dir, 'initdb') : '';
    if (initdb && fs.existsSync(initdb)) {
      const real = path.dirname(fs.realpathSync(initdb));
      if (['pg_ctl', 'psql'].every((name) => fs.existsSync(path.join(real, name)))) return real;
    }
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new Error('PostgreSQL is not installed: no initdb on PATH or in /usr/lib/postgresql');
  return path.join(base, versions[0], 'bin');
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(socketDir);
  const owner = serverUser();
  if (owner) for (const dir of [root, socketDir]) fs.chownSync(dir, owner.uid, owner.gid);

  const run = (command: string, args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(
        path.join(bin, command),
        args,
        { cwd: root, ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${command} failed: ${error.message}\n${stdout}\n${stderr}`))
            : resolve(stdout),
      );
    });

  await run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${socketDir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  await run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(root, 'server.log'),
    '-o',
    serverOptions,
    '-w',
    'start',
  ]);

  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  return {
    connectionString,
    port,
    query: (sql) => run('psql', [connectionString, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql]),
    stop: async () => {
      try {
        await run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** The `postgres` account when running as root (initdb and postgres refuse root), else none. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
