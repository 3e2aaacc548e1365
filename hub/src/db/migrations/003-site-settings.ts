import type { Migration } from '../migration';

/**
 * The site's settings at the hub: today its time zone, whose business day the per-agent daily
 * total counts (as the desktop's site time zone does on a desktop without a hub). One row; UTC
 * until an admin sets the site's zone. PostgreSQL refuses a zone it does not know: the CHECK
 * converts a time with it. The hub's role may read it, not change it.
 */
export const migration003: Migration = {
  version: 3,
  name: 'site-settings',
  sql: `
CREATE TABLE site_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64 AND (timestamptz '2000-01-01T00:00:00Z' AT TIME ZONE time_zone) IS NOT NULL)
);
INSERT INTO site_settings VALUES (1, 'UTC');
GRANT SELECT ON site_settings TO ocd_hub_app;
`,
};
