import type Database from 'better-sqlite3';
import type { Migration } from '../migration';
import { registerSqlFunctions } from '../sql-functions';

/*
 * A word-pair index for name searches of two or more words (shared/search/name-plan.ts):
 * one entry per unordered pair of an account's words, lower word first. "mary sm" is then
 * one range of the primary key under each word that starts with "mary", holding exactly
 * the accounts that have both words (and, in other_words, what a third typed word is
 * checked against without reading the account), instead of an intersection of two FTS doclists of
 * tens of thousands of accounts each. The triggers keep it in step with every write of
 * accounts.name_fold, as the FTS triggers do; a first load sets them aside with the others
 * and rebuilds the table once (suspended-schema-repo.ts).
 */
const SCHEMA = `
CREATE TABLE account_name_pairs (
  low_word TEXT NOT NULL,
  high_word TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  other_words TEXT NOT NULL,
  PRIMARY KEY (low_word, high_word, account_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER account_name_pairs_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO account_name_pairs (low_word, high_word, account_id, other_words)
  SELECT value ->> 0, value ->> 1, new.id, value ->> 2 FROM json_each(name_word_pairs(new.name_fold));
END;
CREATE TRIGGER account_name_pairs_delete AFTER DELETE ON accounts BEGIN
  DELETE FROM account_name_pairs WHERE (low_word, high_word, account_id) IN (
    SELECT value ->> 0, value ->> 1, old.id FROM json_each(name_word_pairs(old.name_fold)));
END;
CREATE TRIGGER account_name_pairs_update AFTER UPDATE OF name_fold ON accounts BEGIN
  DELETE FROM account_name_pairs WHERE (low_word, high_word, account_id) IN (
    SELECT value ->> 0, value ->> 1, old.id FROM json_each(name_word_pairs(old.name_fold)));
  INSERT INTO account_name_pairs (low_word, high_word, account_id, other_words)
  SELECT value ->> 0, value ->> 1, new.id, value ->> 2 FROM json_each(name_word_pairs(new.name_fold));
END;
`;

/** Refills the pair index from accounts, sorted so that the B-tree is written in order. */
export const REBUILD_NAME_PAIRS_SQL = `
DELETE FROM account_name_pairs;
INSERT INTO account_name_pairs (low_word, high_word, account_id, other_words)
SELECT p.value ->> 0, p.value ->> 1, a.id, p.value ->> 2 FROM accounts a, json_each(name_word_pairs(a.name_fold)) p
ORDER BY 1, 2, 3;
`;

export const migration005NamePairs: Migration = {
  version: 5,
  name: 'name-pairs',
  up(db: Database.Database) {
    registerSqlFunctions(db);
    db.exec(SCHEMA);
    db.exec(REBUILD_NAME_PAIRS_SQL);
  },
};
