import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSql } from '../accounts/account-repo';
import { openDatabase } from '../db/open-database';
import { seedDemo } from '../demo/generate-dataset';
import { searchSql } from './search-repo';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedDemo(db);
});
afterAll(() => db.close());

function plan(sql: string, params: unknown[] | Record<string, unknown>): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}

/** A full scan of any real table; the FTS virtual table's own "scan" is an index lookup. */
function fullScans(details: string[]): string[] {
  return details.filter((d) => /^SCAN /.test(d) && !/^SCAN accounts_fts VIRTUAL TABLE INDEX/.test(d));
}

describe('search query plans', () => {
  it.each([
    ['account number', searchSql.accountNumber, ['287100000001', 51], [/SEARCH accounts USING INDEX accounts_account_number \(account_number=\?\)/]],
    [
      'phone',
      searchSql.phone,
      { e164: '+12125550147', limit: 51 },
      [
        /SEARCH lines USING COVERING INDEX lines_number_e164 \(number_e164=\?\)/,
        /SEARCH accounts USING (COVERING )?INDEX accounts_contact_phone \(contact_phone_e164=\?\)/,
        /SEARCH accounts USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      ],
    ],
    ['email prefix', searchSql.emailPrefix, ['maria', 'maria\u{10FFFF}', 51], [/SEARCH accounts USING INDEX accounts_email_norm \(email_norm>\? AND email_norm<\?\)/]],
    ['postal code', searchSql.postalCode, ['10001', 51], [/SEARCH accounts USING INDEX accounts_postal_code_norm \(postal_code_norm=\?\)/]],
    ['name', searchSql.name, ['"mar"* "mu"*', 51], [/SCAN accounts_fts VIRTUAL TABLE INDEX/, /SEARCH accounts USING INTEGER PRIMARY KEY \(rowid=\?\)/]],
    ['account detail', accountSql.byNumber, ['287100000001'], [/SEARCH accounts USING INDEX accounts_account_number/]],
    ['account lines', accountSql.lines, [1], [/SEARCH lines USING INDEX lines_account_id \(account_id=\?\)/]],
  ])('%s uses its index and never scans a table', (_mode, sql, params, expected) => {
    const details = plan(sql, params);
    for (const pattern of expected) expect(details.some((d) => pattern.test(d)), `${pattern} in ${details.join(' | ')}`).toBe(true);
    expect(fullScans(details)).toEqual([]);
    expect(details.some((d) => /USE TEMP B-TREE/.test(d)), details.join(' | ')).toBe(false);
  });
});
