import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Operators managed by admins.
 * - `active`: a deactivated operator cannot sign in and loses any running session.
 * - `must_change_password`: set by an admin's reset (and for a new operator), cleared when the
 *   operator chooses their own password.
 * - `session_epoch`: moved by every change that must end the operator's running session
 *   (deactivation, reset, role change); a session started at another epoch is over.
 * - `operator_daily_limits`: an agent's own approved total per business day, per currency, in
 *   place of the site's; no row means the site's. The old currency-less column
 *   `daily_override_limit_minor` stays (forward-only) and is not read.
 */
const SCHEMA = `
ALTER TABLE operators ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE operators ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE operators ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);

CREATE TABLE operator_daily_limits (
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  daily_total_minor INTEGER NOT NULL CHECK (daily_total_minor > 0),
  updated_by INTEGER REFERENCES operators (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (operator_id, currency)
) STRICT, WITHOUT ROWID;
`;

export const migration013OperatorAdmin: Migration = {
  version: 13,
  name: 'operator-admin',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
