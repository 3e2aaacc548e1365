import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * What the credit engine needs beyond 001: the subscriber count some policies test
 * (New York PSC: 100 or more), an index that lets a policy run read one outage's credits
 * for a range of accounts, and a record of each policy run so that an admin can see what
 * was run, by whom, and how far it got.
 */
const SCHEMA = `
ALTER TABLE outages ADD COLUMN subscribers_affected INTEGER CHECK (subscribers_affected IS NULL OR subscribers_affected >= 0);

CREATE INDEX credits_outage_account ON credits (outage_id, account_id);

CREATE TABLE policy_runs (
  id TEXT PRIMARY KEY,
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  started_by INTEGER REFERENCES operators (id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  accounts_done INTEGER NOT NULL DEFAULT 0 CHECK (accounts_done >= 0),
  accounts_total INTEGER NOT NULL CHECK (accounts_total >= 0),
  credits_written INTEGER NOT NULL DEFAULT 0 CHECK (credits_written >= 0)
) STRICT;
CREATE INDEX policy_runs_outage ON policy_runs (outage_id, started_at);
`;

export const migration002CreditEngine: Migration = {
  version: 2,
  name: 'credit-engine',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
