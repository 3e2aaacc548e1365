import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * The site's time zone, stored with the override settings: the per-agent daily total counts
 * the business day there. NULL (every database before this step) means the desktop's zone.
 */
const SCHEMA = `
ALTER TABLE override_settings ADD COLUMN site_time_zone TEXT
  CHECK (site_time_zone IS NULL OR length(site_time_zone) BETWEEN 1 AND 64);
`;

export const migration008SiteTimeZone: Migration = {
  version: 8,
  name: 'site-time-zone',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
