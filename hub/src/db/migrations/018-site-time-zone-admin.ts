import type { Migration } from '../migration';

/**
 * Issue 15: an admin sets the site's time zone at the hub, with the limits
 * (POST /v1/admin/override-settings), so the hub's role may change that one column of
 * site_settings (hub migration 003). The CHECK there still refuses a zone PostgreSQL does not
 * know; the route refuses first a zone the shared rule (SiteTimeZone) does not.
 */
export const migration018: Migration = {
  version: 18,
  name: 'site-time-zone-admin',
  sql: `
GRANT UPDATE (time_zone) ON site_settings TO ocd_hub_app;
`,
};
