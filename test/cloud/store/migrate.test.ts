import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { MigrationError, migrate } from '../../../src/cloud/store/migrate';
import { MIGRATIONS, type Migration } from '../../../src/cloud/store/migrations';

let db: Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
});
afterEach(() => db.close());

const table = (version: number, name: string): Migration => ({
  version,
  name,
  up: (d) => d.exec(`CREATE TABLE ${name} (x INTEGER) STRICT`),
});
const tables = () =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
const recorded = () => db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();

describe('migrate', () => {
  it('applies the project migrations to a fresh database and records each one', () => {
    const applied = migrate(db, MIGRATIONS);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(recorded()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(() =>
      db.prepare('SELECT id, name, public_key, fingerprint, created_at FROM ssh_keys').all(),
    ).not.toThrow();
  });

  it('applies only what is pending, in order', () => {
    expect(migrate(db, [table(1, 't1')])).toEqual([1]);
    expect(migrate(db, [table(1, 't1'), table(2, 't2'), table(3, 't3')])).toEqual([2, 3]);
    expect(migrate(db, [table(1, 't1'), table(2, 't2'), table(3, 't3')])).toEqual([]);
    expect(tables()).toEqual(['t1', 't2', 't3']);
  });

  it('rolls a failing migration back whole, keeping the ones before it', () => {
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE t2 (x INTEGER)');
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [table(1, 't1'), broken])).toThrow();
    expect(tables()).toEqual(['t1']);
    expect(recorded()).toEqual([{ version: 1, name: 't1' }]);
  });

  it('refuses a database written by a newer build', () => {
    migrate(db, [table(1, 't1'), table(2, 't2')]);
    expect(() => migrate(db, [table(1, 't1')])).toThrow(
      new MigrationError(
        'the database is at schema version 2 but this build knows only up to 1; use a newer build',
      ),
    );
  });

  it('refuses a list with gaps or out of order', () => {
    expect(() => migrate(db, [table(1, 't1'), table(3, 't3')])).toThrow(MigrationError);
    expect(() => migrate(db, [table(2, 't2'), table(1, 't1')])).toThrow(MigrationError);
    expect(tables()).toEqual([]);
  });
});
