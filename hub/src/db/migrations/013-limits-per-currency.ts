import type { Migration } from '../migration';

/**
 * Issue 15: the site's override limits per currency at the hub, and the flag thresholds, as on the desktop (desktop
 * migration 021): a cap on one request and a daily total per agent for each currency, seeded
 * from the single amount that applied in each currency until now. override_settings keeps the
 * days to decide; its single-amount columns stay (forward-only) and are no longer read. An
 * admin changes the limits through the hub (POST /v1/admin/override-settings), so the hub's
 * role may update them.
 *
 * The thresholds of the supervisors' pattern flags live here too (pattern_settings, one row),
 * so that every enrolled desktop flags by the same rules: no row means the built-in defaults;
 * an admin sets them through POST /v1/admin/pattern-thresholds.
 */
export const migration013: Migration = {
  version: 13,
  name: 'limits-per-currency',
  sql: `
CREATE TABLE override_currency_limits (
  currency text PRIMARY KEY CHECK (currency IN ('USD', 'EUR')),
  per_request_cap_minor integer NOT NULL CHECK (per_request_cap_minor > 0),
  agent_daily_total_minor integer NOT NULL CHECK (agent_daily_total_minor > 0)
);
INSERT INTO override_currency_limits (currency, per_request_cap_minor, agent_daily_total_minor)
  SELECT c.currency, s.per_request_cap_minor, s.agent_daily_total_minor
  FROM override_settings s CROSS JOIN (VALUES ('USD'), ('EUR')) AS c(currency) WHERE s.id = 1;
GRANT SELECT, UPDATE ON override_currency_limits TO ocd_hub_app;

CREATE TABLE pattern_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  thresholds jsonb NOT NULL CHECK (jsonb_typeof(thresholds) = 'object'),
  updated_by integer REFERENCES operators(id),
  updated_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON pattern_settings TO ocd_hub_app;
`,
};
