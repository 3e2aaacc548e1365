import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { APP, fileCounts, importFeeds, openFeedBench, type FeedBench } from './feed-fixtures';

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
