import type Database from 'better-sqlite3';
import { nameWordPairs } from '@shared/search/name-plan';

/**
 * The app's own SQL functions, which the schema's name-index triggers call: SQLite cannot split a name into words the way the search does. Registered on every
 * connection the app opens (openDatabase) and by the migration that first uses them; a
 * connection without them that writes an account fails with "no such function" rather
 * than leaving the name index stale.
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.function('name_word_pairs', { deterministic: true }, (nameFold: unknown) =>
    JSON.stringify(typeof nameFold === 'string' ? nameWordPairs(nameFold) : []),
  );
}
