import type Database from 'better-sqlite3';

/** One forward-only schema step; `version` is the user_version the database has after it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}
