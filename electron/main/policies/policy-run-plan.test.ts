import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '@shared/policy/policy-schema';
import { builtInPolicies } from '@shared/policy/packs/built-in-policies';
import { creditSql } from '../credits/credit-repo';
import { openDatabase } from '../db/open-database';
import { seedDemo } from '../demo/generate-dataset';
import { candidateFilter, runReadSql, settledTest, touchedByOutageSql } from './policy-run-repo';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedDemo(db);
});
afterAll(() => db.close());

function plan(sql: string): string[] {
  const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
}

const policies = builtInPolicies.map((p) => Policy.parse(p));
const filter = candidateFilter(policies);
// The settled test of the per-account packs (a per-line one has none).
const settled = settledTest(
  policies.filter((p) => p.unit === 'account').map((policy) => ({ policy })),
  1,
  2,
);

describe('policy run query plans', () => {
  it.each(Object.entries(runReadSql(filter, settled)))('%s reads a rowid range of accounts, seeks lines, impacts and credits by index and never sorts', (_, sql) => {
    const details = plan(sql);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH accounts USING INTEGER PRIMARY KEY \(rowid[<>]/));
    expect(details.filter((d) => /^SCAN /.test(d) || /TEMP B-TREE/.test(d))).toEqual([]);
  });

  it('tests whether an account is settled by seeking its credits of the outage, one probe per credit for a reversal', () => {
    expect(settled.sql).not.toBe('0');
    const details = plan(runReadSql(filter, settled).accountsAfter);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH c USING INDEX credits_outage_account \(outage_id=\? AND account_id=\?\)/));
    expect(details.filter((d) => /^SEARCH r USING COVERING INDEX sqlite_autoindex_credit_reversals/.test(d)).length).toBeGreaterThan(0);
  });

  it('reads the credits of an outage for a range of accounts by index, in account order', () => {
    const details = plan(creditSql.keysOfOutageInAccountRange);
    // One index range for the credits, no sort; whether a reversal line took one back is one unique-index probe.
    expect(details).toEqual([
      expect.stringMatching(/^SEARCH c USING INDEX credits_outage_account \(outage_id=\? AND account_id>\? AND account_id<\?\)/),
      'CORRELATED SCALAR SUBQUERY 1',
      expect.stringMatching(/^SEARCH r USING COVERING INDEX sqlite_autoindex_credit_reversals_\d \(credit_id=\?\)$/),
    ]);
  });

  it('asks whether the outage touched given accounts by seeking their lines and those lines\' impacts', () => {
    const details = plan(touchedByOutageSql.replace('json_each(?)', "json_each('[1,2]')"));
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH l USING (COVERING )?INDEX lines_account_id \(account_id=\?\)/));
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH i USING INDEX impacts_line_id \(line_id=\?\)/));
    expect(details.filter((d) => /^SCAN (l|i)\b/.test(d))).toEqual([]);
  });
});
