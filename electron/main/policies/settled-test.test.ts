import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKey } from '@shared/domain/credit';
import { creditFamily, familyGetsNothingMore, settledAtMinor } from '@shared/policy/revision-adjustment';
import { insertCreditUnlessKeyExists, type NewCreditRow } from '../credits/credit-repo';
import { openDatabase } from '../db/open-database';
import { seedDemo } from '../demo/generate-dataset';
import { findOutageIdBySource } from './policy-repo';
import { candidateFilter, CREDITS, listCandidateAccountsAfter, settledTest, type RunReads } from './policy-run-repo';
import { prepareRun } from './policy-run';
import { attachDemoPolicies, seedBuiltInPolicies } from './seed-policies';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedBuiltInPolicies(db);
  seedDemo(db);
  attachDemoPolicies(db);
});
afterAll(() => db.close());

type Stored = [suffix: string, status: 'scheduled' | 'reversed', amountMinor: number, source?: 'automatic' | 'override', code?: string];

describe('the settled test of a policy run (SQL) against familyGetsNothingMore (shared)', () => {
  it('gives each account the value the pure rule gives its family: none, a live override, settled, or some credits to decide with', () => {
    const outageId = findOutageIdBySource(db, 'att-2024-02-22-nationwide')!;
    const prepared = prepareRun(db, outageId)!;
    const { id: policyId, policy } = prepared.policies[0]!;
    const revision = prepared.outage.revision ?? 1;
    const reads: RunReads = { filter: candidateFilter([policy]), settled: settledTest(prepared.policies, outageId, revision) };
    const candidates = listCandidateAccountsAfter(db, reads, 0, 50).map((row) => row[0]);
    const cases: Stored[][] = [
      [],
      [['', 'scheduled', 500]],
      [['', 'scheduled', 499]],
      [['', 'scheduled', 300], ['|rev:1', 'scheduled', 200]],
      [['', 'reversed', 500]],
      [['', 'scheduled', 100], [`|rev:${revision}`, 'scheduled', 0]],
      // Another policy whose code starts with this one's: not in the family.
      [['', 'scheduled', 500, 'automatic', `${policy.code}-x`]],
      [['', 'scheduled', 400], ['|rev:9', 'reversed', 100]],
      [['|goodwill', 'scheduled', 900, 'override']],
      [['|goodwill', 'reversed', 900, 'override'], ['', 'scheduled', 500]],
    ];
    expect(candidates.length).toBeGreaterThanOrEqual(cases.length);
    const expected: number[] = [];
    cases.forEach((stored, i) => {
      const accountId = candidates[i]!;
      const credits = stored.map(([suffix, status, amountMinor, source = 'automatic', code = policy.code]) => {
        const key = idempotencyKey({ accountId, outageId, policyCode: code }) + suffix;
        const row: NewCreditRow = [`c-${accountId}-${key}`, accountId, null, outageId, policyId, amountMinor, 'USD', source, status,
          '2024-03-04', '2024-03-15', key, '2024-03-04T15:00:00.000Z', suffix.startsWith('|rev:') ? 'outage_revised' : null,
          suffix.startsWith('|rev:') ? Number(suffix.slice(5)) : null];
        insertCreditUnlessKeyExists(db, row);
        return { idempotencyKey: key, status, amountMinor };
      });
      const family = creditFamily(credits, idempotencyKey({ accountId, outageId, policyCode: policy.code }), revision);
      const overridden = stored.some(([, status, , source]) => source === 'override' && status !== 'reversed');
      expected.push(
        credits.length === 0
          ? CREDITS.none
          : overridden
            ? CREDITS.override
            : familyGetsNothingMore(family, settledAtMinor(policy))
              ? CREDITS.settled
              : CREDITS.some,
      );
    });
    const got = listCandidateAccountsAfter(db, reads, 0, 50).slice(0, cases.length).map((row) => Number(row[4][0]));
    expect(got).toEqual(expected);
    // The cases cover every value.
    expect(new Set(expected)).toEqual(new Set(Object.values(CREDITS)));
  });
});
