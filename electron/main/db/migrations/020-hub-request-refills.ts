import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 10: when an agent signs in on a shared desktop, the override requests the hub would not
 * show them leave the cache (hub-sync/operator-switch.ts). The operators whose view included a
 * removed request (the overseers, and the agent who filed it) used to pull the whole log again
 * from position 0; now each of them gets a row here per removed request, and at their next pull
 * the desktop asks the hub for just those requests' latest changes (`requestViews`).
 */
const SCHEMA = `
CREATE TABLE hub_request_refills (
  username TEXT NOT NULL,
  request_id TEXT NOT NULL,
  PRIMARY KEY (username, request_id)
) STRICT, WITHOUT ROWID;
`;

export const migration020HubRequestRefills: Migration = {
  version: 20,
  name: 'hub-request-refills',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
