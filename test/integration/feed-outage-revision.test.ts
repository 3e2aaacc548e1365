import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { APP, fileCounts, importFeeds, openFeedBench, type FeedBench } from './feed-fixtures';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

const JAN = '312000000005';
const MARIA = '287100000001';
const dutchOutage = {
  source_id: 'nl-2024-09-10-randstad',
  title: 'Regional outage Noord-Holland and Utrecht (equipment failure)',
  starts_at: '2024-09-10T04:00:00.000Z',
  cause: 'equipment',
  services: ['wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice'],
  towers_affected: 340,
  regions: ['NH', 'UT'],
};
const janCredit = {
  source_id: 'BILL-CR-0002',
  account_source_id: 'DEMO-A5',
  outage_source_id: 'nl-2024-09-10-randstad',
  policy_code: 'nl-telecommunicatiewet-outage',
  policy_version: 1,
  amount_minor: 310,
  currency: 'EUR',
  source: 'automatic',
  status: 'scheduled',
  scheduled_on: '2024-09-12',
  bill_date: '2024-10-01',
  created_at: '2024-09-12T00:00:00.000Z',
};

async function decisionFor(accountNumber: string, outageSourceTitle: string) {
  const result = await bench!.backend.dispatch('decisionsForAccount', { accountNumber }, APP);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const decisions = (result.value as AccountDecisions).decisions;
  const found = decisions.find((d) => d.outage.title === outageSourceTitle);
  if (!found) throw new Error(`no decision for ${outageSourceTitle}`);
  return found;
}

function ndjson(rows: object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

describe('a revised outage end time', () => {
  it('updates the outage (12:00 to 14:10 CT) and the decision reads the new end', async () => {
    bench = await openFeedBench();
    const reference = {
      source_id: 'att-2024-02-22-nationwide',
      title: 'Nationwide wireless outage (network change)',
      starts_at: '2024-02-22T08:45:00.000Z',
      ends_at: '2024-02-22T18:00:00.000Z',
      cause: 'network_change',
      services: ['wireless_voice', 'wireless_data'],
      towers_affected: 21000,
      regions: ['NY', 'CA', 'TX', 'FL', 'IL', 'GA', 'NC', 'SC', 'WA', 'AZ', 'OH', 'MI'],
    };
    const noon = await importFeeds(bench, [bench.file('outages.ndjson', ndjson([reference]))]);
    expect(fileCounts(noon, 'outages')).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect((await decisionFor(MARIA, reference.title)).outage.endsAt).toBe('2024-02-22T18:00:00.000Z');

    const revised = await importFeeds(bench, [bench.file('outages-revised.ndjson', ndjson([{ ...reference, ends_at: '2024-02-22T20:10:00Z' }]))]);
    expect(fileCounts(revised, 'outages')).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect((await decisionFor(MARIA, reference.title)).outage.endsAt).toBe('2024-02-22T20:10:00.000Z');
  });

  it('re-evaluates eligibility on read, and a credit already scheduled is not paid twice', async () => {
    bench = await openFeedBench();
    const before = await decisionFor(JAN, dutchOutage.title);
    expect(before.decision).toMatchObject({ status: 'eligible', amountMinor: 310 });

    // Revised down to 10 hours: under the 12 hours the Dutch rule needs.
    await importFeeds(bench, [bench.file('outages.ndjson', ndjson([{ ...dutchOutage, ends_at: '2024-09-10T14:00:00.000Z' }]))]);
    expect((await decisionFor(JAN, dutchOutage.title)).decision).toMatchObject({ status: 'not_eligible', amountMinor: 0 });

    // Back to 26 hours, with billing's scheduled credit for it.
    const back = await importFeeds(bench, [
      bench.file('outages.ndjson', ndjson([{ ...dutchOutage, ends_at: '2024-09-11T06:00:00.000Z' }])),
      bench.file('credits.ndjson', ndjson([janCredit])),
    ]);
    expect(fileCounts(back, 'credits').inserted).toBe(1);
    expect((await decisionFor(JAN, dutchOutage.title)).decision).toMatchObject({ status: 'already_credited', creditedMinor: 310 });

    // The same credit under another id from billing: the idempotency key refuses it.
    const again = await importFeeds(bench, [bench.file('credits.ndjson', ndjson([janCredit, { ...janCredit, source_id: 'BILL-CR-9999' }]))]);
    expect(fileCounts(again, 'credits')).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 1 });
    expect(again.rejections[0]).toMatchObject({ line: 2, reason: 'conflict' });
    const paid = bench.backend.db
      .prepare(`SELECT count(*) FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ?`)
      .pluck()
      .get(JAN);
    expect(paid).toBe(1);
  });
});

describe('a revised outage pays the difference, once', () => {
  const runAt = new Date('2024-09-20T10:00:00.000Z');
  let runs = 0;
  async function runPolicy(): Promise<number> {
    const db = bench!.backend.db;
    const outageId = (db.prepare('SELECT id FROM outages WHERE source_id = ?').get(dutchOutage.source_id) as { id: number }).id;
    runs += 1;
    const status = await runPolicyForOutage(db, { runId: `revision-run-${runs}`, outageId, startedBy: null, now: runAt, clock: () => runAt });
    return status.creditsWritten;
  }
  function janCredits() {
    return bench!.backend.db
      .prepare(
        `SELECT c.amount_minor AS amountMinor, c.idempotency_key AS idempotencyKey, c.adjustment_reason AS reason, c.outage_revision AS revision
         FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ? ORDER BY COALESCE(c.outage_revision, 0), c.created_at`,
      )
      .all(JAN) as Array<{ amountMinor: number; idempotencyKey: string; reason: string | null; revision: number | null }>;
  }
  const revise = (endsAt: string) => importFeeds(bench!, [bench!.file(`outages-${endsAt.slice(0, 13)}.ndjson`, ndjson([{ ...dutchOutage, ends_at: endsAt }]))]);

  it('revised later (26 h to 50 h) pays EUR 1.55 more as an adjustment; revised earlier again takes nothing back', async () => {
    bench = await openFeedBench();
    expect(await runPolicy()).toBeGreaterThan(0);
    expect(janCredits()).toEqual([expect.objectContaining({ amountMinor: 310, reason: null, revision: null })]);

    // 50 hours: 3/30 of EUR 46.50 = EUR 4.65, of which EUR 3.10 is paid.
    await revise('2024-09-12T06:00:00.000Z');
    const later = await decisionFor(JAN, dutchOutage.title);
    expect(later.decision).toMatchObject({ status: 'already_credited', creditedMinor: 310, legalBasis: 'statute' });
    expect(later.decision!.adjustments).toEqual([expect.objectContaining({ creditedMinor: 310, policyNowMinor: 465, deltaMinor: 155, outageRevision: 2 })]);

    // Every Dutch account credited before gets its difference; Jan's is one of them.
    const adjusted = await runPolicy();
    expect(adjusted).toBeGreaterThan(0);
    const [first, delta] = janCredits();
    expect(delta).toEqual({ amountMinor: 155, idempotencyKey: `${first!.idempotencyKey}|rev:2`, reason: 'outage_revised', revision: 2 });
    // A run after no change writes nothing.
    expect(await runPolicy()).toBe(0);
    const settled = await decisionFor(JAN, dutchOutage.title);
    expect(settled.decision).toMatchObject({ status: 'already_credited', creditedMinor: 465, adjustments: [] });
    const viewed = await bench.backend.dispatch('decisionsForAccount', { accountNumber: JAN }, APP);
    const entries = viewed.ok ? (viewed.value as AccountDecisions).credits : [];
    expect(entries.find((c) => c.amountMinor === 155)?.adjustment).toEqual({ reason: 'outage_revised', outageRevision: 2 });

    // Back to 26 hours: the law gives EUR 3.10; the policy does not claw back, so EUR 4.65 stays and both show.
    await revise('2024-09-11T06:00:00.000Z');
    const earlier = await decisionFor(JAN, dutchOutage.title);
    expect(earlier.decision!.adjustments).toEqual([expect.objectContaining({ creditedMinor: 465, policyNowMinor: 310, deltaMinor: 0, outageRevision: 3 })]);
    expect(await runPolicy()).toBe(0);
    expect(janCredits().reduce((sum, c) => sum + c.amountMinor, 0)).toBe(465);

    // And later again, to 50 hours: the customer already has what that gives; nothing is paid twice.
    await revise('2024-09-12T06:00:00.000Z');
    expect(await runPolicy()).toBe(0);
    expect(janCredits().reduce((sum, c) => sum + c.amountMinor, 0)).toBe(465);
  });
});
