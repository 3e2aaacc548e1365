import type Database from 'better-sqlite3';

/** One forward-only schema step; `version` is the user_version the database has after it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
  /**
   * A step that rebuilds a table other tables refer to (SQLite's way to change a CHECK) runs
   * with foreign keys off, as SQLite's documented procedure asks; the runner switches them off
   * outside the transaction, checks every foreign key before the step commits, and switches
   * them back on whatever happens.
   */
  readonly rebuildsReferencedTable?: boolean;
}
