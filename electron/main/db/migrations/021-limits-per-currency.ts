import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 15: the site's override limits per currency. Each currency has its own cap on one
 * request and its own daily total per agent (override_currency_limits, one row per currency);
 * override_settings keeps the days to decide and the site's time zone. A desktop whose admin
 * had set the single amount gets it in each currency, as it applied until now; one that never
 * set limits has no rows and keeps the built-in defaults. The old single-amount columns of
 * override_settings stay (NOT NULL, forward-only) and are no longer read: the save writes the
 * USD figures there.
 */
const SCHEMA = `
CREATE TABLE override_currency_limits (
  currency TEXT PRIMARY KEY CHECK (currency IN ('USD', 'EUR')),
  per_request_cap_minor INTEGER NOT NULL CHECK (per_request_cap_minor > 0),
  agent_daily_total_minor INTEGER NOT NULL CHECK (agent_daily_total_minor > 0)
) STRICT;
INSERT INTO override_currency_limits (currency, per_request_cap_minor, agent_daily_total_minor)
  SELECT c.currency, s.per_request_cap_minor, s.agent_daily_total_minor
  FROM override_settings s CROSS JOIN (SELECT 'USD' AS currency UNION ALL SELECT 'EUR') c WHERE s.id = 1;
`;

export const migration021LimitsPerCurrency: Migration = {
  version: 21,
  name: 'limits-per-currency',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
