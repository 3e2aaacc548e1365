import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccountDecisions } from '../../electron/main/decisions/decision-service';
import { createActiveOutageFinder, searchEligibility } from '../../electron/main/decisions/search-eligibility';
import { openDatabase } from '../../electron/main/db/open-database';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { seedDemo } from '../../electron/main/demo/generate-dataset';
import { attachDemoPolicies, seedBuiltInPolicies } from '../../electron/main/policies/seed-policies';

let dir: string;
let db: Database.Database;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-chips-'));
  db = openDatabase(join(dir, 'desk.sqlite'));
  seedBuiltInPolicies(db);
  seedDemo(db);
  attachDemoPolicies(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const MARCH = '2024-03-04T15:00:00.000Z';
const allAccountNumbers = () => db.prepare('SELECT account_number FROM accounts ORDER BY account_number').pluck().all() as string[];

/** Accounts with an impact of the outage, counted from the rows themselves. */
function accountsImpactedBy(outageId: number): number {
  const lineIds = new Set(db.prepare('SELECT line_id FROM impacts WHERE outage_id = ?').pluck().all(outageId) as number[]);
  const owners = db.prepare('SELECT id, account_id AS accountId FROM lines').all() as { id: number; accountId: number }[];
  return new Set(owners.filter((line) => lineIds.has(line.id)).map((line) => line.accountId)).size;
}

describe('search result chips for the active outage', () => {
  it('pick the outage of the last 30 days that touched the most accounts, with its policy', () => {
    const active = createActiveOutageFinder()(db, MARCH);
    expect(active).toMatchObject({ title: 'Nationwide wireless outage (network change)', policy: { name: expect.any(String) } });
    expect(active!.impactedAccounts).toBe(accountsImpactedBy(active!.id));
    expect(active!.impactedAccounts).toBeGreaterThan(0);
  });

  it("say for every account exactly what its account screen says for that outage and policy", () => {
    const find = createActiveOutageFinder();
    const numbers = allAccountNumbers();
    for (let start = 0; start < numbers.length; start += 100) {
      const page = numbers.slice(start, start + 100);
      const { activeOutage, chips } = searchEligibility(db, page, MARCH, find);
      expect(chips.map((chip) => chip.accountNumber)).toEqual(page);
      for (const chip of chips) {
        const view = getAccountDecisions(db, chip.accountNumber, MARCH)!;
        const decision = view.decisions.find((d) => d.outage.id === activeOutage!.id && d.policy?.code === activeOutage!.policy!.code)?.decision ?? null;
        expect(chip.status, chip.accountNumber).toBe(decision?.status ?? 'not_affected');
        if (decision) {
          expect(chip.amount).toEqual({ minor: decision.status === 'already_credited' ? decision.creditedMinor : decision.amountMinor, currency: decision.currency });
        } else expect(chip.amount).toBeNull();
      }
    }
  });

  it('answer the demo callers as agents are trained to: Maria Müller gets $5.00, a Business account does not', () => {
    const { chips } = searchEligibility(db, [demoAccounts.mariaMuller.accountNumber], MARCH, createActiveOutageFinder());
    expect(chips).toEqual([{ accountNumber: demoAccounts.mariaMuller.accountNumber, status: 'eligible', amount: { minor: 500, currency: 'USD' } }]);
    const statuses = new Set(searchEligibility(db, allAccountNumbers().slice(0, 100), MARCH, createActiveOutageFinder()).chips.map((c) => c.status));
    expect(statuses.has('not_eligible') || statuses.has('not_affected')).toBe(true);
  });

  it('leave out unknown accounts and have no active outage once the last one ended over 30 days ago', () => {
    expect(searchEligibility(db, ['999999999'], MARCH, createActiveOutageFinder()).chips).toEqual([]);
    expect(searchEligibility(db, [demoAccounts.mariaMuller.accountNumber], '2024-04-01T12:00:00.000Z', createActiveOutageFinder())).toEqual({
      activeOutage: null,
      chips: [],
    });
  });

  it('notice when the outages change, though the figure is kept between searches', () => {
    const find = createActiveOutageFinder();
    const before = find(db, MARCH)!;
    expect(find(db, MARCH)).toBe(before);
    // A revision moves the outage's start past the clock: it is no longer an outage of the last 30 days.
    db.prepare("UPDATE outages SET starts_at = '2024-03-05T00:00:00.000Z', ends_at = '2024-03-05T10:00:00.000Z', updated_at = '2024-03-04T16:00:00.000Z' WHERE id = ?").run(before.id);
    try {
      expect(find(db, MARCH)).toBeNull();
    } finally {
      db.prepare("UPDATE outages SET starts_at = ?, ends_at = ?, updated_at = '2024-03-04T16:00:01.000Z' WHERE id = ?").run(before.startsAt, before.endsAt, before.id);
    }
    expect(find(db, MARCH)).toMatchObject({ id: before.id });
  });
});
