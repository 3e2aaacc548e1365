import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type OverrideInput, type OverrideReasonCode } from '@shared/domain/override';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

/**
 * The dashboard's figures against an independent count: the requests this test filed and decided
 * (its own ledger), and the credit rows grouped here in TypeScript, not in SQL.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const US_OUTAGE = 'att-2024-02-22-nationwide';
const NL_OUTAGE = 'nl-2024-09-10-randstad';

interface Filed {
  id: string;
  agent: 'alice' | 'bob';
  kind: 'goodwill' | 'reverse';
  reason: OverrideReasonCode;
  currency: string;
  amountMinor: number;
  createdAt: number;
  fate: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decidedAt?: number;
}

let b: OverrideTestBackend;
beforeEach(() => {
  b = createOverrideTestBackend();
});
afterEach(() => b.close());
afterAll(removeTemplate);

/** Accounts for which the given kind may be filed now, with their live credit. */
async function candidates(outageId: number, kind: 'goodwill' | 'reverse', want: number): Promise<Array<{ accountNumber: string; liveCreditMinor: number }>> {
  const numbers = b.db
    .prepare('SELECT account_number FROM accounts ORDER BY id')
    .pluck()
    .all() as string[];
  const found: Array<{ accountNumber: string; liveCreditMinor: number }> = [];
  b.signInAs('alice');
  for (const accountNumber of numbers) {
    if (found.length === want) break;
    const options = await b.call('overridesOptions', { accountNumber });
    const option = options.ok ? options.value.find((o) => o.outageId === outageId) : undefined;
    if (option && option.openRequestId === null && option.allowedKinds.includes(kind)) found.push({ accountNumber, liveCreditMinor: option.liveCreditMinor });
  }
  expect(found).toHaveLength(want);
  return found;
}

async function file(ledger: Filed[], f: Omit<Filed, 'id' | 'currency' | 'fate'>, accountNumber: string, outageId: number): Promise<Filed> {
  b.setNow(f.createdAt);
  b.signInAs(f.agent);
  const input: OverrideInput = {
    clientRequestId: randomUUID(),
    accountNumber,
    outageId,
    kind: f.kind,
    amountMinor: f.amountMinor,
    reasonCode: f.reason as Exclude<OverrideReasonCode, 'customer_fault_report'>,
    justification: 'Filed by the dashboard integration test.',
    interactionRef: 'CALL-4242',
  } as OverrideInput;
  const filed = await b.call('overridesSubmit', input);
  if (!filed.ok) throw new Error(`not filed: ${JSON.stringify(filed.error)}`);
  const entry: Filed = { ...f, id: filed.value.id, currency: filed.value.currency, fate: 'pending' };
  ledger.push(entry);
  return entry;
}

async function decide(entry: Filed, decision: 'approve' | 'reject', at: number): Promise<void> {
  b.setNow(at);
  b.signInAs('sam');
  const result = await b.call('overridesDecide', { requestId: entry.id, version: 1, decision, note: 'Decided in the test.' });
  if (!result.ok) throw new Error(`not decided: ${JSON.stringify(result.error)}`);
  entry.fate = decision === 'approve' ? 'approved' : 'rejected';
  entry.decidedAt = at;
}

function moneyBy<T extends string>(rows: Filed[], key: (f: Filed) => T) {
  const map = new Map<string, { key: T; currency: string; count: number; amountMinor: number }>();
  for (const f of rows) {
    const id = `${key(f)}|${f.currency}`;
    const found = map.get(id) ?? { key: key(f), currency: f.currency, count: 0, amountMinor: 0 };
    found.count += 1;
    found.amountMinor += f.amountMinor;
    map.set(id, found);
  }
  return [...map.values()];
}

const canonical = (row: unknown) => JSON.stringify(Object.entries(row as object).sort(([a], [b]) => a.localeCompare(b)));
const sortRows = <T>(rows: T[]) => [...rows].sort((x, y) => canonical(x).localeCompare(canonical(y)));

describe('dashboard summary', () => {
  it('equals an independent count of the requests filed and decided and of the credit rows written', async () => {
    b.signInAs('ada');
    const settings = await b.call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(5_000), agentDailyTotalMinor: sameInEveryCurrency(100_000), expiryDays: 7, siteTimeZone: 'UTC' });
    expect(settings.ok).toBe(true);
    const us = outageIdBySource(b.db, US_OUTAGE);
    const nl = outageIdBySource(b.db, NL_OUTAGE);

    // The policy writes the automatic credits of both outages.
    for (const outageId of [us, nl]) {
      await runPolicyForOutage(b.db, { runId: `run-${outageId}`, outageId, startedBy: null, now: b.now(), clock: b.now, chunkSize: 200 });
    }

    const now = START_MS + 10 * DAY; // 14 March 2024, 15:00 UTC
    const ledger: Filed[] = [];
    const usGoodwill = await candidates(us, 'goodwill', 5);
    const nlGoodwill = await candidates(nl, 'goodwill', 3);
    const usReverse = await candidates(us, 'reverse', 2);

    // Decided on earlier days: approved, rejected, withdrawn.
    const a1 = await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'extended_outage', amountMinor: 700, createdAt: now - 6 * DAY }, usGoodwill[0]!.accountNumber, us);
    await decide(a1, 'approve', now - 6 * DAY + HOUR);
    const r1 = await file(ledger, { agent: 'bob', kind: 'goodwill', reason: 'other', amountMinor: 300, createdAt: now - 5 * DAY }, usGoodwill[1]!.accountNumber, us);
    await decide(r1, 'reject', now - 5 * DAY + HOUR);
    const w1 = await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'business_impact', amountMinor: 450, createdAt: now - 4 * DAY }, nlGoodwill[0]!.accountNumber, nl);
    b.signInAs('alice');
    expect((await b.call('overridesWithdraw', { requestId: w1.id, version: 1 })).ok).toBe(true);
    w1.fate = 'withdrawn';
    // A reversal approved: that automatic credit no longer counts as scheduled.
    const rev = await file(ledger, { agent: 'bob', kind: 'reverse', reason: 'duplicate_correction', amountMinor: usReverse[0]!.liveCreditMinor, createdAt: now - 3 * DAY }, usReverse[0]!.accountNumber, us);
    await decide(rev, 'approve', now - 3 * DAY + HOUR);
    // Approved today, by agent and currency.
    const t1 = await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'extended_outage', amountMinor: 1_200, createdAt: now - 5 * HOUR }, nlGoodwill[1]!.accountNumber, nl);
    await decide(t1, 'approve', now - 4 * HOUR);
    const t2 = await file(ledger, { agent: 'bob', kind: 'goodwill', reason: 'multi_line_impact', amountMinor: 800, createdAt: now - 5 * HOUR }, usGoodwill[2]!.accountNumber, us);
    await decide(t2, 'approve', now - 3 * HOUR);
    const t3 = await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'extended_outage', amountMinor: 650, createdAt: now - 3 * HOUR }, usGoodwill[4]!.accountNumber, us);
    await decide(t3, 'approve', now - 2 * HOUR);
    // Still pending, of different ages; one pending reversal (not exposure); one that expires by the time Sam looks.
    const expiring = await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'other', amountMinor: 250, createdAt: now - 8 * DAY }, usGoodwill[3]!.accountNumber, us);
    await file(ledger, { agent: 'alice', kind: 'goodwill', reason: 'service_recovery', amountMinor: 999, createdAt: now - 6.5 * DAY }, nlGoodwill[2]!.accountNumber, nl);
    await file(ledger, { agent: 'bob', kind: 'reverse', reason: 'duplicate_correction', amountMinor: usReverse[1]!.liveCreditMinor, createdAt: now - 2 * HOUR }, usReverse[1]!.accountNumber, us);

    b.setNow(now);
    b.signInAs('sam');
    const result = await b.call('dashboardSummary', {});
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const s: DashboardSummary = result.value;
    expiring.fate = 'withdrawn'; // expired: no longer pending, still filed in the window

    const pending = ledger.filter((f) => f.fate === 'pending');
    expect(s.pending.count).toBe(pending.length);
    expect(s.pending.count).toBe(2);
    expect(s.pending.oldestCreatedAt).toBe(new Date(Math.min(...pending.map((f) => f.createdAt))).toISOString());
    // Expiry at 7 days: the 6.5-day-old one expires within 24 hours.
    expect(s.pending.expiringSoonCount).toBe(pending.filter((f) => f.createdAt + 7 * DAY < now + DAY).length);
    expect(s.pending.expiringSoon.map((e) => e.id)).toEqual(pending.filter((f) => f.createdAt + 7 * DAY < now + DAY).map((f) => f.id));

    const bucketOf = (age: number) => (age <= HOUR ? 'under1h' : age <= 4 * HOUR ? 'under4h' : age <= DAY ? 'under24h' : age <= 3 * DAY ? 'under3d' : 'older');
    const ages = new Map<string, number>();
    for (const f of pending) ages.set(bucketOf(now - f.createdAt), (ages.get(bucketOf(now - f.createdAt)) ?? 0) + 1);
    expect(s.queueAge).toEqual(['under1h', 'under4h', 'under24h', 'under3d', 'older'].map((bucket) => ({ bucket, count: ages.get(bucket) ?? 0 })));

    const exposure = moneyBy(pending.filter((f) => f.kind !== 'reverse'), () => '');
    expect(s.exposure).toEqual(sortRows(exposure.map(({ currency, count, amountMinor }) => ({ currency, count, amountMinor }))));

    const name = (agent: string) => b.db.prepare('SELECT display_name FROM operators WHERE username = ?').pluck().get(agent) as string;
    const dayStart = Date.parse('2024-03-14T00:00:00.000Z');
    const today = ledger.filter((f) => f.fate === 'approved' && f.decidedAt! >= dayStart);
    expect(sortRows(s.approvalsToday)).toEqual(
      sortRows(moneyBy(today, (f) => f.agent).map(({ key, currency, count, amountMinor }) => ({ agent: name(key), currency, count, amountMinor, limitMinor: 100_000 }))),
    );
    expect(s.approvalsToday).toHaveLength(3); // Alice in two currencies, Bob in one

    // Every request filed in the 14 site days counts, whatever became of it.
    expect(sortRows(s.overridesByReason)).toEqual(sortRows(moneyBy(ledger, (f) => f.reason).map(({ key, ...m }) => ({ reason: key, ...m }))));
    expect(sortRows(s.overridesByAgent)).toEqual(sortRows(moneyBy(ledger, (f) => name(f.agent)).map(({ key, ...m }) => ({ agent: key, ...m }))));
    const perDay = new Map<string, { day: string; agent: string; reason: string; count: number }>();
    for (const f of ledger) {
      const day = new Date(f.createdAt).toISOString().slice(0, 10);
      const id = `${day}|${f.agent}|${f.reason}`;
      const row = perDay.get(id) ?? { day, agent: name(f.agent), reason: f.reason, count: 0 };
      row.count += 1;
      perDay.set(id, row);
    }
    expect(sortRows(s.overridesPerDay)).toEqual(sortRows([...perDay.values()]));

    // Credits: the raw rows, grouped here.
    const rows = b.db
      .prepare(
        `SELECT c.outage_id AS outageId, c.status, c.currency, c.amount_minor AS amountMinor, a.region, o.title,
           (SELECT count(*) FROM credit_reversals r WHERE r.credit_id = c.id) AS reversals
         FROM credits c, accounts a, outages o WHERE a.id = c.account_id AND o.id = c.outage_id`,
      )
      .all() as Array<{ outageId: number; status: string; currency: string; amountMinor: number; region: string; title: string; reversals: number }>;
    const credits = new Map<string, DashboardSummary['credits'][number]>();
    for (const row of rows) {
      if (row.reversals > 0 || (row.status !== 'scheduled' && row.status !== 'posted')) continue;
      const id = [row.outageId, row.region, row.status, row.currency].join('|');
      const found = credits.get(id) ?? { outageId: row.outageId, outage: row.title, region: row.region, status: row.status as 'scheduled', currency: row.currency as 'USD', count: 0, amountMinor: 0 };
      found.count += 1;
      found.amountMinor += row.amountMinor;
      credits.set(id, found);
    }
    expect(sortRows(s.credits)).toEqual(sortRows([...credits.values()]));
    // Both outages, several regions, and the approved goodwill and reversal show in the totals.
    expect(new Set(s.credits.map((c) => c.outageId))).toEqual(new Set([us, nl]));
    expect(new Set(s.credits.map((c) => c.region)).size).toBeGreaterThan(2);
    expect(rows.filter((r) => r.status === 'reversed' || r.reversals > 0)).toHaveLength(1);
  });
});
