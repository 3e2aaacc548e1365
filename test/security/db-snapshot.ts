import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface DbSnapshot {
  /** Row count of every table, by name. */
  readonly rows: Readonly<Record<string, number>>;
  /** Rows changed by this connection since it opened (SQLite's total_changes()). */
  readonly totalChanges: number;
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Cheap enough to take around every fuzzed call. */
export function snapshotDb(db: Database.Database): DbSnapshot {
  const rows: Record<string, number> = {};
  for (const name of tableNames(db)) {
    rows[name] = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }).n;
  }
  return { rows, totalChanges: (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n };
}

/** A hash of every row of every table, for before/after a whole run. */
export function hashDbContent(db: Database.Database, options: { except?: readonly string[] } = {}): string {
  const hash = createHash('sha256');
  for (const name of tableNames(db)) {
    if (options.except?.includes(name)) continue;
    hash.update(`\u0000table ${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM ${quoteIdentifier(name)}`).iterate()) {
      hash.update(JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : Buffer.isBuffer(value) ? value.toString('hex') : value)));
    }
  }
  return hash.digest('hex');
}
