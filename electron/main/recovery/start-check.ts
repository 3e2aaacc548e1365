import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { quickCheck, type HealthReport } from './db-health-repo';

/**
 * The check every start runs before anything writes: SQLite's quick_check on the file as it
 * is. A file that cannot even be read as a database (SQLITE_NOTADB, SQLITE_CORRUPT) fails it
 * too. A missing file is healthy: the app is about to create it.
 */
export function checkDatabaseAtStart(dbPath: string, nativeBinding?: string): HealthReport {
  if (!existsSync(dbPath)) return { ok: true, problems: [] };
  let db: Database.Database | null = null;
  try {
    // Read-write so that a WAL left by a crash is recovered as SQLite normally does; nothing else writes.
    db = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return quickCheck(db);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, problems: [`${typeof code === 'string' ? code + ': ' : ''}${String((error as Error)?.message ?? error)}`] };
  } finally {
    db?.close();
  }
}
