import type { Database } from 'better-sqlite3';

/**
 * Tables a reset keeps: the schema's own bookkeeping, SQLite's AUTOINCREMENT counters (so an id or seq is
 * never handed out twice, and the webhook fan-out cursor stays meaningful), and API keys with their
 * satellite tables (`api_key_*`), so the caller can go on calling.
 */
function isKept(table: string): boolean {
  return (
    table === 'schema_migrations' ||
    table === 'sqlite_sequence' ||
    table === 'api_keys' ||
    table.startsWith('api_key_')
  );
}

/**
 * Empties every resource table in one transaction. The tables are read from the schema rather than
 * listed here, so a resource kind added later is reset without anyone remembering to add it. Returns the
 * names of the emptied tables.
 */
export function resetResources(db: Database): string[] {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .filter((name) => !isKept(name));
  db.transaction(() => {
    // Rows referencing each other are all going; checking foreign keys at commit makes the order moot.
    db.pragma('defer_foreign_keys = ON');
    for (const table of tables) db.prepare(`DELETE FROM "${table.replace(/"/g, '""')}"`).run();
  })();
  return tables;
}
