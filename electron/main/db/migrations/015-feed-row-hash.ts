import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * The content hash of each fed account, line and impact (shared/feeds/row-hash.ts), written
 * by the import with the row. A re-import writes nothing for a row whose incoming hash equals
 * the stored one. Rows from before this step (and rows written by anything but the import)
 * have none and take the upsert, which compares every column and then stores the hash.
 * An update by anything but the import that leaves the hash as it was clears it, so a
 * stored hash always describes the values beside it.
 */
const TABLES = ['accounts', 'lines', 'impacts'] as const;

const SCHEMA = TABLES.map(
  (table) => `
ALTER TABLE ${table} ADD COLUMN feed_hash INTEGER;
CREATE TRIGGER ${table}_feed_hash_stale AFTER UPDATE ON ${table}
WHEN new.feed_hash IS old.feed_hash AND new.feed_hash IS NOT NULL BEGIN
  UPDATE ${table} SET feed_hash = NULL WHERE id = new.id;
END;`,
).join('\n');

export const migration015FeedRowHash: Migration = {
  version: 15,
  name: 'feed-row-hash',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
