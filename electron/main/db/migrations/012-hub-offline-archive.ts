import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Hub sync, continued.
 * - hub_offline_verifiers: for each operator who signed in through the hub on this desktop, a
 *   slow hash (scrypt) of the password they used, sealed with the OS keychain where there is
 *   one, and when they signed in. It lets them sign in again while the hub cannot be reached,
 *   for 12 hours after that sign-in; a deactivation the desktop learns of drops it.
 * - hub_standalone_archives: the file a standalone desktop's own history (override requests
 *   and audit events) was written to when it joined a hub, for the admin to open.
 */
const SCHEMA = `
CREATE TABLE hub_offline_verifiers (
  username TEXT PRIMARY KEY,
  sealed_verifier BLOB NOT NULL,
  sealed_with TEXT NOT NULL CHECK (sealed_with IN ('safe_storage', 'none')),
  signed_in_at TEXT NOT NULL
) STRICT;

CREATE TABLE hub_standalone_archives (
  id INTEGER PRIMARY KEY,
  file_path TEXT NOT NULL,
  archived_at TEXT NOT NULL,
  override_requests INTEGER NOT NULL CHECK (override_requests >= 0),
  audit_events INTEGER NOT NULL CHECK (audit_events >= 0),
  sha256 TEXT NOT NULL
) STRICT;
`;

export const migration012HubOfflineArchive: Migration = {
  version: 12,
  name: 'hub-offline-archive',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
