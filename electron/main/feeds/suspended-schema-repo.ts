import type Database from 'better-sqlite3';
import { rebuildAccountsFts } from '../db/bulk-load-repo';

interface SchemaObject {
  name: string;
  type: 'index' | 'trigger';
  sql: string;
}

/** The tables a first load fills; their secondary indexes and triggers are what it sets aside. */
const LOADED_TABLES = ['accounts', 'lines', 'impacts'] as const;

/**
 * Indexes kept up during a load: feeds list lines by account and impacts by line and
 * outage, so their keys arrive in order and each new entry is an append to a page in the
 * cache, cheaper than reading the whole table back and sorting it at the end.
 */
const KEPT_DURING_LOAD = ['lines_account_id', 'impacts_line_id', 'impacts_outage_id'] as const;

export function isCacheEmpty(db: Database.Database): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM lines) AS empty').pluck().get() === 1;
}

/**
 * Sets aside the non-unique indexes and the name-index triggers of the loaded tables,
 * recording each definition first, in one transaction. Unique indexes stay: the upserts
 * and their conflict checks need them.
 */
export function suspendLoadSchema(db: Database.Database, tables: readonly string[] = LOADED_TABLES): void {
  db.transaction(() => {
    const objects = db
      .prepare<[], SchemaObject>(
        `SELECT m.name, m.type, m.sql FROM sqlite_schema m
         WHERE m.sql IS NOT NULL AND m.tbl_name IN (${tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ')})
           AND m.name NOT IN (${KEPT_DURING_LOAD.map((n) => `'${n}'`).join(', ')})
           AND (m.type = 'trigger' OR (m.type = 'index' AND NOT EXISTS (
             SELECT 1 FROM pragma_index_list(m.tbl_name) il WHERE il.name = m.name AND il."unique" = 1)))
         ORDER BY m.type, m.name`,
      )
      .all();
    const record = db.prepare('INSERT INTO import_suspended_schema (name, type, sql) VALUES (?, ?, ?)');
    for (const object of objects) {
      record.run(object.name, object.type, object.sql);
      db.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name.replace(/"/g, '""')}"`);
    }
  }).immediate();
}

/**
 * Recreates whatever a load set aside, and rebuilds the name indexes when their triggers were
 * among it (a load in steps sets accounts aside first and lines and impacts after); does
 * nothing when nothing is set aside.
 */
export function restoreLoadSchema(db: Database.Database): boolean {
  return db.transaction(() => {
    const objects = db.prepare<[], SchemaObject>('SELECT name, type, sql FROM import_suspended_schema ORDER BY type, name').all();
    if (objects.length === 0) return false;
    for (const object of objects) db.exec(object.sql);
    if (objects.some((o) => o.type === 'trigger' && /^account(s_fts|_name_pairs)_/.test(o.name))) rebuildAccountsFts(db);
    db.prepare('DELETE FROM import_suspended_schema').run();
    return true;
  }).immediate();
}
