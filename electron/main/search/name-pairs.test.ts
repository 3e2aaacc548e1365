import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyQuery } from '@shared/search/classify-query';
import { openDatabase } from '../db/open-database';
import { seedDemo } from '../demo/generate-dataset';
import { searchSql } from './search-repo';
import { searchAccounts } from './search-service';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedDemo(db);
});
afterAll(() => db.close());

const words = ['maria', 'mar', 'mu', 'muller', 'de', 'vr', 'jan', 'van', 'der', 'o', 'brien', 'zoe', 'ng', 'smith', 'a', 'j', 'an', 'lukasz'];

describe('name search through the word-pair index', () => {
  it('finds exactly the accounts the FTS intersection of every token finds', () => {
    const fts = db.prepare<[string], { accountNumber: string }>(
      `SELECT accounts.account_number AS accountNumber FROM accounts_fts CROSS JOIN accounts ON accounts.id = accounts_fts.rowid WHERE accounts_fts MATCH ?`,
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 5 }), (tokens) => {
        const query = tokens.join(' ');
        const lookup = classifyQuery(query).lookups[0];
        if (lookup?.mode !== 'name') return;
        const expected = fts.all(lookup.ftsQuery).map((r) => r.accountNumber).sort();
        const found = searchAccounts(db, query, 100).results.map((r) => r.accountNumber).sort();
        if (expected.length <= 100) expect(found).toEqual(expected);
        else expect(found).toHaveLength(100);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the pair index in step when an account is renamed or removed', () => {
    const id = db.prepare(`SELECT id FROM accounts WHERE account_number = '287100000001'`).pluck().get() as number;
    db.prepare(`UPDATE accounts SET name_fold = 'quentin zyx' WHERE id = ?`).run(id);
    expect(db.prepare('SELECT low_word, high_word FROM account_name_pairs WHERE account_id = ?').all(id)).toEqual([{ low_word: 'quentin', high_word: 'zyx' }]);
    expect(searchAccounts(db, 'quen zy').results.map((r) => r.accountNumber)).toEqual(['287100000001']);
    db.prepare(`UPDATE accounts SET name_fold = 'maria muller' WHERE id = ?`).run(id);
    expect(searchAccounts(db, 'maria mu').results.map((r) => r.accountNumber)).toContain('287100000001');
  });

  it('reads the pair range by primary-key seeks, never a scan or a sort', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${searchSql.namePair}`)
      .all({ low: 'maria', lowEnd: 'maria\u{10FFFF}', high: 'mu', highEnd: 'mu\u{10FFFF}', limit: 51, r0: '', r1: '', r2: '', r3: '', r4: '', r5: '' })
      .map((row) => (row as { detail: string }).detail);
    expect(plan.some((d) => /SEARCH pairs USING PRIMARY KEY \(low_word=\? AND high_word>\? AND high_word<\?\)/.test(d)), plan.join(' | ')).toBe(true);
    expect(plan.filter((d) => /^SCAN (accounts|account_name_pairs|pairs)\b/.test(d))).toEqual([]);
    expect(plan.some((d) => /USE TEMP B-TREE/.test(d))).toBe(false);
  });
});
