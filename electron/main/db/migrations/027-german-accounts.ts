import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: Germany's TKG section 58 (de-tkg-58-entschaedigung) admits accounts in country DE.
 * The hub keeps them (hub migration 012) and the feeds accept them, but accounts.country here
 * allowed only US and NL, so a desktop could not load a German account from a feed or from the
 * hub's snapshot. SQLite cannot change a CHECK in place, so `accounts` is rebuilt (as migration
 * 011 rebuilt credits): the new table is the stored definition with the one CHECK widened, so
 * every column later steps added is kept; rows keep their ids (the external-content name index
 * accounts_fts refers to them by rowid, so it stays valid without a rebuild); indexes and
 * triggers are re-created from their own stored SQL. Other tables refer to accounts, so the
 * step runs with foreign keys off and checked before commit (the runner does both).
 */
const OLD_CHECK = "country TEXT NOT NULL CHECK (country IN ('US', 'NL'))";
const NEW_CHECK = "country TEXT NOT NULL CHECK (country IN ('US', 'NL', 'DE'))";

export const migration027GermanAccounts: Migration = {
  version: 27,
  name: 'german-accounts',
  rebuildsReferencedTable: true,
  up(db: Database.Database) {
    const create = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").pluck().get() as string;
    if (!create.includes(OLD_CHECK)) throw new Error('accounts.country is not the CHECK this step widens');
    const dependents = db
      .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'accounts' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")
      .pluck()
      .all() as string[];
    db.exec(create.replace(/^CREATE TABLE "?accounts"?/, 'CREATE TABLE accounts_v27').replace(OLD_CHECK, NEW_CHECK));
    db.exec('INSERT INTO accounts_v27 SELECT * FROM accounts');
    // Legacy rename: the other tables' references and triggers name `accounts` and must keep doing so.
    db.pragma('legacy_alter_table = ON');
    try {
      db.exec('DROP TABLE accounts; ALTER TABLE accounts_v27 RENAME TO accounts;');
    } finally {
      db.pragma('legacy_alter_table = OFF');
    }
    for (const sql of dependents) db.exec(sql);
  },
};
