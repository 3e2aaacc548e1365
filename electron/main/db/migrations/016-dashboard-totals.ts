import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * What the dashboard and the queue's pattern flags read.
 * - override_pattern_settings: the flags' thresholds.
 * - override_requests_created: the requests filed in a time range (the last 14 site days),
 *   whatever their status, as one range scan.
 * - credit_totals: count and amount of credits per outage, account region,
 * effective status and currency. The plain grouped query over 500,000 credits takes seconds
 * (docs/BENCHMARKS.md, "Dashboard"); this table has one row per group.
 * It is derived data kept by triggers, so every write to credits, credit_reversals or an
 * account's region updates it in the same transaction as the write, whichever code path
 * writes. The effective status is the one the credit repository reads (EFFECTIVE_STATUS): a
 * credit with a reversal line counts as 'reversed'. A group whose count falls to zero keeps
 * its row with zeros; readers skip it.
 */
const EFFECTIVE = (c: string) => `CASE WHEN EXISTS (SELECT 1 FROM credit_reversals r WHERE r.credit_id = ${c}.id) THEN 'reversed' ELSE ${c}.status END`;
const REGION = (accountId: string) => `(SELECT region FROM accounts WHERE id = ${accountId})`;
const ADD = (outage: string, region: string, status: string, currency: string, count: string, amount: string) => `
  INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
  VALUES (${outage}, ${region}, ${status}, ${currency}, ${count}, ${amount})
  ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
    count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor;`;

const SCHEMA = `
-- The thresholds of the pattern flags on the supervisor's queue (shared/domain/override-patterns.ts);
-- while no row is stored, the defaults apply.
CREATE TABLE override_pattern_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  thresholds_json TEXT NOT NULL CHECK (json_valid(thresholds_json)),
  updated_by INTEGER REFERENCES operators (id),
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX override_requests_created ON override_requests (created_at, requested_by, reason_code, currency, amount_minor);

CREATE TABLE credit_totals (
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  region TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  count INTEGER NOT NULL, -- no CHECK: SQLite checks the inserted row (-1 on a decrement) before the upsert
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (outage_id, region, status, currency)
) STRICT, WITHOUT ROWID;

INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
  SELECT c.outage_id, a.region, ${EFFECTIVE('c')}, c.currency, count(*), sum(c.amount_minor)
  FROM credits c JOIN accounts a ON a.id = c.account_id
  GROUP BY 1, 2, 3, 4;

CREATE TRIGGER credit_totals_insert AFTER INSERT ON credits
BEGIN
  ${ADD('NEW.outage_id', REGION('NEW.account_id'), EFFECTIVE('NEW'), 'NEW.currency', '1', 'NEW.amount_minor')}
END;

CREATE TRIGGER credit_totals_update AFTER UPDATE OF account_id, outage_id, status, currency, amount_minor ON credits
BEGIN
  ${ADD('OLD.outage_id', REGION('OLD.account_id'), EFFECTIVE('OLD'), 'OLD.currency', '-1', '-OLD.amount_minor')}
  ${ADD('NEW.outage_id', REGION('NEW.account_id'), EFFECTIVE('NEW'), 'NEW.currency', '1', 'NEW.amount_minor')}
END;

CREATE TRIGGER credit_totals_delete AFTER DELETE ON credits
BEGIN
  ${ADD('OLD.outage_id', REGION('OLD.account_id'), EFFECTIVE('OLD'), 'OLD.currency', '-1', '-OLD.amount_minor')}
END;

-- A reversal line (one per credit at most) turns the credit's effective status to 'reversed';
-- before it, the effective status was the credit's own column.
CREATE TRIGGER credit_totals_reversal AFTER INSERT ON credit_reversals
BEGIN
  INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, a.region, c.status, c.currency, -1, -c.amount_minor FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = NEW.credit_id
    ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
      count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor;
  INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, a.region, 'reversed', c.currency, 1, c.amount_minor FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = NEW.credit_id
    ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
      count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor;
END;

-- An account moving region moves its credits' totals with it.
CREATE TRIGGER credit_totals_account_region AFTER UPDATE OF region ON accounts
WHEN NEW.region IS NOT OLD.region
BEGIN
  INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, OLD.region, ${EFFECTIVE('c')}, c.currency, -count(*), -sum(c.amount_minor) FROM credits c WHERE c.account_id = NEW.id GROUP BY 1, 3, 4
    ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
      count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor;
  INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, NEW.region, ${EFFECTIVE('c')}, c.currency, count(*), sum(c.amount_minor) FROM credits c WHERE c.account_id = NEW.id GROUP BY 1, 3, 4
    ON CONFLICT (outage_id, region, status, currency) DO UPDATE SET
      count = count + excluded.count, amount_minor = amount_minor + excluded.amount_minor;
END;
`;

export const migration016DashboardTotals: Migration = {
  version: 16,
  name: 'dashboard-totals',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
