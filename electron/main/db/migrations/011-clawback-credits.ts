import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Clawback. A policy that claws back (`revisions.clawback`) takes back part of a credit when a
 * revised outage gives less: the next run writes the difference as a negative credit under
 * the revision's key. credits.amount_minor was `>= 0`, so `credits` is rebuilt (SQLite cannot
 * change a CHECK in place) to allow a negative amount on a revision adjustment only: every
 * other credit stays zero or more. Rows, ids, indexes and triggers are kept as they were; the
 * triggers and indexes are re-created from their own stored SQL, so none is forgotten. Other
 * tables refer to credits, so the step runs with foreign keys off and checked before commit.
 */
const CREATE = `
CREATE TABLE credits_v11 (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  line_id INTEGER REFERENCES lines (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  policy_id INTEGER NOT NULL REFERENCES credit_policies (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0 OR adjustment_reason IS 'outage_revised'),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  source TEXT NOT NULL CHECK (source IN ('automatic', 'override')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'scheduled', 'posted', 'reversed')),
  scheduled_on TEXT,
  bill_date TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL,
  exported_batch_id INTEGER REFERENCES export_batches (id),
  adjustment_reason TEXT CHECK (adjustment_reason IS NULL OR adjustment_reason IN ('outage_revised')),
  outage_revision INTEGER CHECK (outage_revision IS NULL OR outage_revision >= 1)
) STRICT;
INSERT INTO credits_v11 (id, account_id, line_id, outage_id, policy_id, amount_minor, currency, source, status,
    scheduled_on, bill_date, idempotency_key, version, created_at, exported_batch_id, adjustment_reason, outage_revision)
  SELECT id, account_id, line_id, outage_id, policy_id, amount_minor, currency, source, status,
    scheduled_on, bill_date, idempotency_key, version, created_at, exported_batch_id, adjustment_reason, outage_revision
  FROM credits;
`;

export const migration011ClawbackCredits: Migration = {
  version: 11,
  name: 'clawback-credits',
  rebuildsReferencedTable: true,
  up(db: Database.Database) {
    const dependents = db
      .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'credits' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")
      .pluck()
      .all() as string[];
    db.exec(CREATE);
    // Legacy rename: the other tables' references and triggers name `credits` and must keep doing so.
    db.pragma('legacy_alter_table = ON');
    try {
      db.exec('DROP TABLE credits; ALTER TABLE credits_v11 RENAME TO credits;');
    } finally {
      db.pragma('legacy_alter_table = OFF');
    }
    for (const sql of dependents) db.exec(sql);
  },
};
