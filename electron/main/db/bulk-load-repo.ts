import type Database from 'better-sqlite3';
import { REBUILD_NAME_PAIRS_SQL } from './migrations/005-name-pairs';

interface SchemaObject {
  readonly type: 'index' | 'trigger';
  readonly name: string;
  readonly sql: string;
}

/**
 * Drops the indexes and triggers of `tables` and returns a function that recreates them
 * from their stored definitions. Building an index once over sorted data is much faster
 * than maintaining it row by row, and the FTS triggers are replaced by one 'rebuild'.
 * Call inside a transaction: a failure then restores everything. A unique index that is
 * recreated over duplicate rows fails, so the constraints still hold.
 */
export function suspendIndexesAndTriggers(db: Database.Database, tables: readonly string[]): () => void {
  const placeholders = tables.map(() => '?').join(', ');
  const objects = db
    .prepare<string[], SchemaObject>(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${placeholders})
       ORDER BY type, name`,
    )
    .all(...tables);
  for (const object of objects) {
    db.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name.replace(/"/g, '""')}"`);
  }
  return () => {
    for (const object of objects) db.exec(object.sql);
  };
}

/** Refills the name indexes (FTS and word pairs) from the accounts table, for use after a bulk load. */
export function rebuildAccountsFts(db: Database.Database): void {
  db.prepare(`INSERT INTO accounts_fts (accounts_fts) VALUES ('rebuild')`).run();
  // A database below the migration that added it (tests of older schemas) has no pair index.
  if (db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'account_name_pairs'`).get()) db.exec(REBUILD_NAME_PAIRS_SQL);
}

export function hasAccounts(db: Database.Database): boolean {
  return (db.prepare('SELECT EXISTS (SELECT 1 FROM accounts) AS found').get() as { found: number }).found === 1;
}
