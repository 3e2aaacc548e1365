import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITS_GROUPED_SQL, dashboardSql } from '../../electron/main/dashboard/dashboard-queries';
import {
  EFFECTIVE_STATUS,
  insertCreditsUnlessKeysExist,
  insertCreditUnlessKeyExists,
  insertFedCredit,
  insertOverrideCredit,
  type NewCreditRow,
} from '../../electron/main/credits/credit-repo';
import { createOverrideTestBackend, removeTemplate, type OverrideTestBackend } from './override-test-backend';

/**
 * The credit totals (migrations 016 and 017) are kept by the credit repository's inserts and by
 * triggers on updates, deletes, reversal lines and region changes; after any sequence of such
 * writes they must equal the credits grouped one by one.
 */

const ALL_GROUPED = `SELECT c.outage_id AS outageId, a.region, ${EFFECTIVE_STATUS} AS status, c.currency, count(*) AS count, sum(c.amount_minor) AS amountMinor
  FROM credits c JOIN accounts a ON a.id = c.account_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
const ALL_TOTALS = `SELECT outage_id AS outageId, region, status, currency, count, amount_minor AS amountMinor
  FROM credit_totals WHERE count > 0 ORDER BY 1, 2, 3, 4`;

type Write =
  | { op: 'insert'; account: number; outage: number; status: 'pending' | 'scheduled' | 'posted'; amount: number }
  | { op: 'insertMany'; rows: number; account: number; outage: number; repeatKey: boolean }
  | { op: 'insertOverride'; account: number; outage: number; amount: number }
  | { op: 'insertFed'; account: number; outage: number; status: 'scheduled' | 'posted'; amount: number }
  | { op: 'status'; credit: number; status: 'pending' | 'scheduled' | 'posted' | 'reversed' }
  | { op: 'amount'; credit: number; amount: number }
  | { op: 'move'; credit: number; account: number; outage: number }
  | { op: 'delete'; credit: number }
  | { op: 'exportAndReverse'; credit: number }
  | { op: 'region'; account: number; region: string };

const index = fc.nat({ max: 1_000 });
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), account: index, outage: index, status: fc.constantFrom('pending' as const, 'scheduled' as const, 'posted' as const), amount: fc.integer({ min: 1, max: 9_999 }) }),
  fc.record({ op: fc.constant('insert' as const), account: index, outage: index, status: fc.constant('scheduled' as const), amount: fc.integer({ min: 1, max: 9_999 }) }),
  fc.record({ op: fc.constant('insertMany' as const), rows: fc.integer({ min: 1, max: 70 }), account: index, outage: index, repeatKey: fc.boolean() }),
  fc.record({ op: fc.constant('insertOverride' as const), account: index, outage: index, amount: fc.integer({ min: 1, max: 9_999 }) }),
  fc.record({ op: fc.constant('insertFed' as const), account: index, outage: index, status: fc.constantFrom('scheduled' as const, 'posted' as const), amount: fc.integer({ min: 1, max: 9_999 }) }),
  fc.record({ op: fc.constant('status' as const), credit: index, status: fc.constantFrom('pending' as const, 'scheduled' as const, 'posted' as const, 'reversed' as const) }),
  fc.record({ op: fc.constant('amount' as const), credit: index, amount: fc.integer({ min: 1, max: 9_999 }) }),
  fc.record({ op: fc.constant('move' as const), credit: index, account: index, outage: index }),
  fc.record({ op: fc.constant('delete' as const), credit: index }),
  fc.record({ op: fc.constant('exportAndReverse' as const), credit: index }),
  fc.record({ op: fc.constant('region' as const), account: index, region: fc.constantFrom('TX', 'NH', 'NL-NH', 'ZZ') }),
);

let b: OverrideTestBackend;
let accounts: Array<{ id: number; currency: string }>;
let outages: number[];
let policy: number;
beforeAll(() => {
  b = createOverrideTestBackend();
  accounts = b.db.prepare('SELECT id, currency FROM accounts ORDER BY id LIMIT 40').all() as typeof accounts;
  outages = b.db.prepare('SELECT id FROM outages ORDER BY id').pluck().all() as number[];
  policy = b.db.prepare('SELECT id FROM credit_policies ORDER BY id LIMIT 1').pluck().get() as number;
});
afterAll(() => {
  b.close();
  removeTemplate();
});

let serial = 0;
function newRow(accountIndex: number, outageIndex: number, status: 'pending' | 'scheduled' | 'posted', amount: number): NewCreditRow {
  const account = accounts[accountIndex % accounts.length]!;
  serial += 1;
  return [`totals-${serial}`, account.id, null, outages[outageIndex % outages.length]!, policy, amount, account.currency as 'USD', 'automatic', status, '2024-03-20', '2024-03-20', `totals:${serial}`, '2024-03-04T15:00:00.000Z', null, null];
}

function apply(w: Write): void {
  const db = b.db;
  // Credits a write may still change: not exported (an exported credit is frozen by triggers).
  const open = db.prepare('SELECT id, amount_minor AS amount, status FROM credits WHERE exported_batch_id IS NULL ORDER BY id').all() as Array<{ id: string; amount: number; status: string }>;
  const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  switch (w.op) {
    case 'insert': {
      insertCreditUnlessKeyExists(db, newRow(w.account, w.outage, w.status, w.amount));
      return;
    }
    case 'insertMany': {
      // A policy run's batch: 32 rows a statement and the rest one by one; a key written before is skipped.
      const rows = Array.from({ length: w.rows }, (_, i) => newRow(w.account + i, w.outage + i, 'scheduled', 100 + i));
      const existing = db.prepare('SELECT idempotency_key FROM credits ORDER BY id LIMIT 1').pluck().get() as string | undefined;
      if (w.repeatKey && existing) rows[0]![11] = existing;
      insertCreditsUnlessKeysExist(db, rows);
      return;
    }
    case 'insertOverride': {
      const account = pick(accounts, w.account)!;
      const existing = db.prepare('SELECT idempotency_key FROM credits ORDER BY id LIMIT 1').pluck().get() as string | undefined;
      serial += 1;
      insertOverrideCredit(db, {
        id: `totals-${serial}`,
        accountId: account.id,
        outageId: pick(outages, w.outage)!,
        policyId: policy,
        amountMinor: w.amount,
        currency: account.currency as 'USD',
        scheduledOn: '2024-03-20',
        billDate: '2024-03-20',
        idempotencyKey: w.amount % 3 === 0 && existing ? existing : `totals:${serial}`,
        createdAt: '2024-03-04T15:00:00.000Z',
      });
      return;
    }
    case 'insertFed': {
      const account = pick(accounts, w.account)!;
      serial += 1;
      insertFedCredit(db, `totals-${serial}`, {
        accountId: account.id,
        lineId: null,
        outageId: pick(outages, w.outage)!,
        policyId: policy,
        amountMinor: w.amount,
        currency: account.currency as 'USD',
        source: 'automatic',
        status: w.status,
        scheduledOn: '2024-03-20',
        billDate: null,
        idempotencyKey: `totals:${serial}`,
        createdAt: '2024-03-04T15:00:00.000Z',
      });
      return;
    }
    case 'status': {
      const credit = pick(open, w.credit);
      if (credit) db.prepare('UPDATE credits SET status = ? WHERE id = ?').run(w.status, credit.id);
      return;
    }
    case 'amount': {
      const credit = pick(open, w.credit);
      if (credit) db.prepare('UPDATE credits SET amount_minor = ? WHERE id = ?').run(w.amount, credit.id);
      return;
    }
    case 'move': {
      const credit = pick(open, w.credit);
      const account = pick(accounts, w.account)!;
      if (credit) db.prepare('UPDATE credits SET account_id = ?, currency = ?, outage_id = ? WHERE id = ?').run(account.id, account.currency, pick(outages, w.outage), credit.id);
      return;
    }
    case 'delete': {
      const credit = pick(open, w.credit);
      if (credit) db.prepare('DELETE FROM credits WHERE id = ?').run(credit.id);
      return;
    }
    case 'exportAndReverse': {
      // Export one scheduled credit, then take it back with a reversal line (as billing reversal does).
      const credit = pick(open.filter((c) => c.status === 'scheduled'), w.credit);
      if (!credit) return;
      serial += 1;
      const batch = db.prepare(`INSERT INTO export_batches (created_at, credit_count, file_name, sha256) VALUES ('2024-03-05T00:00:00.000Z', 1, ?, 'x')`).run(`totals-${serial}.csv`).lastInsertRowid;
      db.prepare('UPDATE credits SET exported_batch_id = ? WHERE id = ?').run(batch, credit.id);
      const row = db.prepare('SELECT amount_minor AS amount, currency FROM credits WHERE id = ?').get(credit.id) as { amount: number; currency: string };
      db.prepare(`INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, '2024-03-06T00:00:00.000Z')`).run(
        `rev-${serial}`,
        credit.id,
        row.amount,
        row.currency,
        `rev:${serial}`,
      );
      return;
    }
    case 'region': {
      db.prepare('UPDATE accounts SET region = ? WHERE id = ?').run(w.region, pick(accounts, w.account)!.id);
      return;
    }
  }
}

describe('credit totals', () => {
  it('equal the credits grouped one by one after any sequence of writes', () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 40 }), (writes) => {
        b.db.exec('SAVEPOINT totals');
        try {
          for (const w of writes) apply(w);
          expect(b.db.prepare(ALL_TOTALS).all()).toEqual(b.db.prepare(ALL_GROUPED).all());
          // And what the dashboard reads is the grouped query's answer.
          expect(b.db.prepare(dashboardSql.credits).all()).toEqual(b.db.prepare(CREDITS_GROUPED_SQL).all());
        } finally {
          b.db.exec('ROLLBACK TO totals; RELEASE totals');
        }
      }),
      { numRuns: 150 },
    );
  });
});
