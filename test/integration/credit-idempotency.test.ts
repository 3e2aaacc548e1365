import { afterEach, describe, expect, it } from 'vitest';
import { idempotencyKey } from '@shared/domain/credit';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { insertCreditUnlessKeyExists, type NewCreditRow } from '../../electron/main/credits/credit-repo';
import { findPolicyVersion } from '../../electron/main/policies/policy-repo';
import { openDemoDb, outageId, REFERENCE_OUTAGE, type DemoDb } from './policy-test-db';

let demo: DemoDb | null = null;
afterEach(() => demo?.close());

function mariaCredit(db: DemoDb['db'], id: string): NewCreditRow {
  const account = db.prepare('SELECT id FROM accounts WHERE account_number = ?').get(demoAccounts.mariaMuller.accountNumber) as { id: number };
  const outage = outageId(db, REFERENCE_OUTAGE);
  const policy = findPolicyVersion(db, 'att-2024-02-make-it-right', 1)!;
  const key = idempotencyKey({ accountId: account.id, outageId: outage, policyCode: 'att-2024-02-make-it-right' });
  return [id, account.id, null, outage, policy.id, 500, 'USD', 'automatic', 'scheduled', '2024-03-04', '2024-03-14', key, '2024-03-04T15:00:00.000Z', null, null];
}

describe('a credit can never be paid twice', () => {
  it('the database refuses a second credit with the same idempotency key', () => {
    demo = openDemoDb();
    const first = mariaCredit(demo.db, '01HQ0000000000000000000001');
    expect(insertCreditUnlessKeyExists(demo.db, first)).toBe(true);
    const sql = `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency, source, status,
      scheduled_on, bill_date, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    const second = mariaCredit(demo.db, '01HQ0000000000000000000002');
    expect(() => demo!.db.prepare(sql).run(...second.slice(0, 13))).toThrow(/UNIQUE constraint failed: credits.idempotency_key/);
  });

  it('the repository skips a credit whose key exists and leaves the first one as it was', () => {
    demo = openDemoDb();
    expect(insertCreditUnlessKeyExists(demo.db, mariaCredit(demo.db, '01HQ0000000000000000000001'))).toBe(true);
    const again = mariaCredit(demo.db, '01HQ0000000000000000000002');
    again[5] = 999;
    expect(insertCreditUnlessKeyExists(demo.db, again)).toBe(false);
    expect(demo.db.prepare('SELECT id, amount_minor AS amount FROM credits').all()).toEqual([
      { id: '01HQ0000000000000000000001', amount: 500 },
    ]);
  });

  it('a new version of the same policy gets the same key, so it cannot pay the outage again', () => {
    expect(idempotencyKey({ accountId: 7, outageId: 1, policyCode: 'att-2024-02-make-it-right' })).toBe(
      'account:7|outage:1|policy:att-2024-02-make-it-right',
    );
  });
});
