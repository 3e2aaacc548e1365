import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 12: carrier data from the hub. hub_snapshot records the one snapshot of the hub's
 * carrier data this cache was loaded from: `loading` from the moment rows start arriving
 * (a load cut off is started again with a new snapshot, whose rows overwrite by id), `done`
 * with the change-log head it was taken at once every row is in. Carrier batch entries of the
 * log at or below that head are in the snapshot already; later ones are read by batch. No row:
 * the cache holds no carrier data from the hub (a standalone desktop's own data, or nothing).
 */
const SCHEMA = `
CREATE TABLE hub_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL CHECK (state IN ('loading', 'done')),
  head INTEGER NOT NULL CHECK (head >= 0),
  taken_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  rows_json TEXT NOT NULL CHECK (json_valid(rows_json)),
  CHECK ((state = 'done') = (finished_at IS NOT NULL))
) STRICT;
`;

export const migration018HubSnapshot: Migration = {
  version: 18,
  name: 'hub-snapshot',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
