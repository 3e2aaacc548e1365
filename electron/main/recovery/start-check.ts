import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { consumeCleanShutdown } from './clean-shutdown';
import { quickCheck, schemaReadable, type HealthReport } from './db-health-repo';

/**
 * The check every start runs before anything writes: SQLite's quick_check on the file as it
 * is, or, when the last run closed cleanly and the file is untouched since, a read of the
 * schema only (see clean-shutdown.ts). A file that cannot even be read as a database (SQLITE_NOTADB, SQLITE_CORRUPT) fails it
 * too. A missing file is healthy: the app is about to create it.
 */
export function checkDatabaseAtStart(dbPath: string, nativeBinding?: string): HealthReport {
  if (!existsSync(dbPath)) return { ok: true, problems: [] };
  const trustClean = consumeCleanShutdown(dbPath);
  let db: Database.Database | null = null;
  try {
    // Read-write so that a WAL left by a crash is recovered as SQLite normally does; nothing else writes.
    db = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return trustClean ? schemaReadable(db) : quickCheck(db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, problems: [`${typeof code === 'string' ? code + ': ' : ''}${String((error as Error)?.message ?? error)}`] };
  } finally {
    db?.close();
  }
}
