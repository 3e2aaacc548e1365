import type { Migration } from '../migration';

/**
 * Issue 15, operators managed by the hub's admins: a temporary password (a new operator, an
 * admin's reset) is marked so the sign-in tells the desktop to force a change, and an agent's
 * own daily total per currency, over the site's, is kept for the override rules. A currency
 * without a row follows the site's total.
 */
export const migration007: Migration = {
  version: 7,
  name: 'operator-admin',
  sql: `
ALTER TABLE operators ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE TABLE operator_daily_limits (
  operator_id integer NOT NULL REFERENCES operators(id),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  daily_total_minor integer NOT NULL CHECK (daily_total_minor > 0),
  updated_by integer NOT NULL REFERENCES operators(id),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (operator_id, currency)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON operator_daily_limits TO ocd_hub_app;
`,
};
