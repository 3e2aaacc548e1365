import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { getAccountDecisions } from '../../electron/main/decisions/decision-service';
import { openDemoDb, type DemoDb } from './policy-test-db';

// After both demo outages, so that every decision is about an outage that has ended.
const AS_OF = '2024-09-20T12:00:00.000Z';

let demo: DemoDb;

beforeAll(() => {
  demo = openDemoDb();
});
afterAll(() => demo.close());

function decisionsOf(accountNumber: string): AccountDecisions {
  const result = getAccountDecisions(demo.db, accountNumber, AS_OF);
  if (!result) throw new Error(`no account ${accountNumber}`);
  return result;
}

function onlyDecision(accountNumber: string) {
  const { decisions } = decisionsOf(accountNumber);
  expect(decisions).toHaveLength(1);
  const [entry] = decisions;
  expect(entry?.decision).not.toBeNull();
  return entry!;
}

function failedRules(accountNumber: string): string[] {
  return onlyDecision(accountNumber).decision!.rules.filter((r) => r.outcome === 'fail').map((r) => r.code);
}

describe('decisions for the demo accounts', () => {
  it('gives the consumer postpaid AT&T account $5.00 for the account, not per line, on its next bill', () => {
    const entry = onlyDecision(demoAccounts.mariaMuller.accountNumber);
    expect(entry.policy).toEqual({ code: 'att-2024-02-make-it-right', version: 1, name: expect.any(String) });
    expect(entry.outage).toMatchObject({ title: 'Nationwide wireless outage (network change)', touchedBy: 'impact' });
    expect(entry.outage.impactedLineIds).toHaveLength(3);
    expect(entry.decision).toMatchObject({
      status: 'eligible',
      amountMinor: 500,
      currency: 'USD',
      unit: 'account',
      // Bill cycle day 14: the next bill after 20 September, at the latest the one after.
      predictedPosting: { earliest: '2024-10-14', latest: '2024-11-14' },
    });
  });

  it('denies the prepaid account on its payment type, and says an override can be requested', () => {
    expect(failedRules(demoAccounts.carlosPena.accountNumber)).toEqual(['payment_type_included']);
    const decision = onlyDecision(demoAccounts.carlosPena.accountNumber).decision!;
    expect(decision).toMatchObject({ status: 'not_eligible', amountMinor: 0, overridePossible: { possible: true, reason: 'goodwill_request' } });
    expect(decision.whatWouldChange).toEqual([{ code: 'payment_type_included', lineId: null, required: { paymentType: ['postpaid'] } }]);
  });

  it('denies the business account on its segment', () => {
    expect(failedRules(demoAccounts.okaforLogistics.accountNumber)).toEqual(['segment_included']);
  });

  it('denies the Cricket account on its brand (and its payment type)', () => {
    expect(failedRules(demoAccounts.zoeNguyen.accountNumber)).toEqual(['brand_included', 'payment_type_included']);
  });

  it('gives the Dutch account EUR 3.10 for 26 hours on EUR 46.50 under the Telecommunicatiewet', () => {
    const entry = onlyDecision(demoAccounts.janDeVries.accountNumber);
    expect(entry.policy?.code).toBe('nl-telecommunicatiewet-outage');
    expect(entry.decision).toMatchObject({ status: 'eligible', amountMinor: 310, currency: 'EUR' });
    expect(entry.decision!.derivation[0]).toMatchObject({ kind: 'share_of_monthly', baseMinor: 4650, numerator: 2, denominator: 30 });
  });

  it('returns null for an account number nobody has', () => {
    expect(getAccountDecisions(demo.db, '999999999999', AS_OF)).toBeNull();
  });

  it('shows an outage without a policy that hit a line, with no decision', () => {
    const row = demo.db
      .prepare(
        `SELECT a.account_number AS accountNumber FROM accounts a JOIN lines l ON l.account_id = a.id
         JOIN impacts i ON i.line_id = l.id JOIN outages o ON o.id = i.outage_id
         WHERE o.source_id = 'us-2024-08-05-storm' LIMIT 1`,
      )
      .get() as { accountNumber: string };
    const storm = decisionsOf(row.accountNumber).decisions.find((d) => d.outage.title.startsWith('Tropical storm'));
    expect(storm).toMatchObject({ policy: null, decision: null, outage: { touchedBy: 'impact' } });
  });
});
