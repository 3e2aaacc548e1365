import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 5: feed imports and billing exports.
 * - import_runs / import_run_files record each run and its per-file counts; the counts
 *   are written in the same transaction as the batch of rows they count, so after a crash
 *   they say exactly what was committed.
 * - import_rejections holds every skipped row (file position, line, field, reason), from
 *   which the downloadable report is written.
 * - import_suspended_schema holds the indexes and triggers a first load into an empty cache
 *   set aside (they are rebuilt once at the end, far faster than row by row). A row here
 *   means a load was cut off before the rebuild; the next start rebuilds them.
 * - export_batches numbers each posting file; credits.exported_batch_id marks the credits
 *   in it. A trigger refuses moving a credit to another batch, and refuses changing the
 *   money of a credit already exported, so a re-export of a batch reads the same rows.
 */
const SCHEMA = `
CREATE TABLE import_runs (
  id TEXT PRIMARY KEY,
  started_by INTEGER REFERENCES operators (id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('checking', 'importing', 'done', 'cancelled', 'refused', 'failed')),
  report_path TEXT
) STRICT;
CREATE INDEX import_runs_started_at ON import_runs (started_at);

CREATE TABLE import_run_files (
  run_id TEXT NOT NULL REFERENCES import_runs (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  file_name TEXT NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'credits')),
  format TEXT NOT NULL CHECK (format IN ('ndjson', 'csv')),
  rows_total INTEGER NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_done INTEGER NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  inserted INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
  updated INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
  unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
  problem TEXT,
  problem_line INTEGER,
  problem_detail TEXT,
  PRIMARY KEY (run_id, position)
) STRICT;

CREATE TABLE import_rejections (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES import_runs (id),
  position INTEGER NOT NULL,
  line INTEGER NOT NULL CHECK (line >= 1),
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX import_rejections_run ON import_rejections (run_id, position, line);

CREATE TABLE import_suspended_schema (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
  sql TEXT NOT NULL
) STRICT;

CREATE TABLE export_batches (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES operators (id),
  credit_count INTEGER NOT NULL CHECK (credit_count > 0),
  file_name TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL
) STRICT;

ALTER TABLE credits ADD COLUMN exported_batch_id INTEGER REFERENCES export_batches (id);
CREATE INDEX credits_exported_batch ON credits (exported_batch_id, status);

CREATE TRIGGER credits_exported_once BEFORE UPDATE OF exported_batch_id ON credits
WHEN OLD.exported_batch_id IS NOT NULL AND NEW.exported_batch_id IS NOT OLD.exported_batch_id
BEGIN
  SELECT RAISE(ABORT, 'a credit is exported in one batch only');
END;
CREATE TRIGGER credits_exported_frozen BEFORE UPDATE OF account_id, line_id, outage_id, policy_id, amount_minor, currency, bill_date, idempotency_key ON credits
WHEN OLD.exported_batch_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'an exported credit cannot change');
END;
`;

export const migration004ImportExport: Migration = {
  version: 4,
  name: 'import-export',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
