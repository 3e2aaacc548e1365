import type Database from 'better-sqlite3';

/** SQLite's answer when a check finds nothing wrong. */
const OK = 'ok';

export interface HealthReport {
  readonly ok: boolean;
  /** The first problems SQLite reported; empty when ok. */
  readonly problems: readonly string[];
}

function report(rows: readonly string[]): HealthReport {
  const problems = rows.filter((row) => row !== OK);
  return { ok: problems.length === 0, problems: problems.slice(0, 20) };
}

/** Full check of every page, index and constraint; slow on large files, used on backups. */
export function integrityCheck(db: Database.Database): HealthReport {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return report(rows.map((row) => String(row.integrity_check)));
}

/** The fast variant run at every start: page structure and record format, not index contents. */
export function quickCheck(db: Database.Database): HealthReport {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  return report(rows.map((row) => String(row.quick_check)));
}

/** The cheap start check after a clean shutdown: the schema pages read and parse. */
export function schemaReadable(db: Database.Database): HealthReport {
  db.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
  return { ok: true, problems: [] };
}

/** Rows pointing at parents that do not exist (possible only if foreign keys were ever off). */
export function foreignKeyCheck(db: Database.Database): HealthReport {
  const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  return { ok: rows.length === 0, problems: rows.slice(0, 20).map((row) => `${row.table} row ${row.rowid} -> missing ${row.parent}`) };
}
