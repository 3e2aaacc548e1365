import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 15: an offline verifier remembers how far into the hub's change log this desktop had
 * read when it was stored (the furthest of its operators' cursors). An operator entry (a
 * deactivation, a replaced password) at or before that position was applied here before the
 * sign-in that stored the verifier, so when another operator's cursor reads it late it no
 * longer drops the newer verifier. NULL for verifiers stored before this step: any such entry
 * drops them, as until now.
 */
const SCHEMA = `
ALTER TABLE hub_offline_verifiers ADD COLUMN known_position INTEGER CHECK (known_position >= 0);
`;

export const migration025VerifierKnownPosition: Migration = {
  version: 25,
  name: 'verifier-known-position',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
