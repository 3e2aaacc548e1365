import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { nlTelecommunicatiewetOutageV2 } from '@shared/policy/packs/nl-telecommunicatiewet-outage';
import { Policy } from '@shared/policy/policy-schema';
import { createExportBatch } from '../../electron/main/billing-export/export-service';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { APP, importFeeds, openFeedBench, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
let exportDir: string | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  exportDir = undefined;
});

const JAN = '312000000005'; // Dutch postpaid, EUR 46.50 a month.
const dutchOutage = {
  source_id: 'nl-2024-09-10-randstad',
  title: 'Regional outage Noord-Holland and Utrecht (equipment failure)',
  starts_at: '2024-09-10T04:00:00.000Z',
  cause: 'equipment',
  services: ['wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice'],
  towers_affected: 340,
  regions: ['NH', 'UT'],
};
const runAt = new Date('2024-09-20T10:00:00.000Z');
let runs = 0;

function db() {
  return bench!.backend.db;
}
function outageId(): number {
  return db().prepare('SELECT id FROM outages WHERE source_id = ?').pluck().get(dutchOutage.source_id) as number;
}

/** The Dutch pack as a version that claws back, attached to the outage in place of the one that does not. */
function attachClawbackVersion(): void {
  const policy = Policy.parse({ ...nlTelecommunicatiewetOutageV2, version: 90, revisions: { clawback: true } });
  const id = db().prepare('INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?) RETURNING id').pluck().get(policy.code, policy.version, JSON.stringify(policy));
  db().prepare('UPDATE outage_policies SET policy_id = ? WHERE outage_id = ?').run(id, outageId());
}

async function runPolicy(): Promise<number> {
  runs += 1;
  const status = await runPolicyForOutage(db(), { runId: `clawback-run-${runs}`, outageId: outageId(), startedBy: null, now: runAt, clock: () => runAt });
  return status.creditsWritten;
}

function janCredits() {
  return db()
    .prepare(
      `SELECT c.amount_minor AS amountMinor, c.idempotency_key AS idempotencyKey, c.adjustment_reason AS reason, c.outage_revision AS revision
       FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ? ORDER BY COALESCE(c.outage_revision, 0), c.created_at`,
    )
    .all(JAN) as Array<{ amountMinor: number; idempotencyKey: string; reason: string | null; revision: number | null }>;
}

async function view(): Promise<AccountDecisions> {
  const result = await bench!.backend.dispatch('decisionsForAccount', { accountNumber: JAN }, APP);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as AccountDecisions;
}

const revise = (endsAt: string) =>
  importFeeds(bench!, [bench!.file(`outages-${endsAt.slice(0, 13)}-${runs}.ndjson`, `${JSON.stringify({ ...dutchOutage, ends_at: endsAt })}\n`)]);

describe('a policy that claws back, through the feed import and the run', () => {
  it('pays the difference when the outage is revised later, and takes it back as a negative credit when revised earlier', async () => {
    bench = await openFeedBench();
    attachClawbackVersion();
    expect(await runPolicy()).toBeGreaterThan(0);
    expect(janCredits()).toEqual([expect.objectContaining({ amountMinor: 310, reason: null })]);

    // 26 h to 50 h: 3/30 of EUR 46.50 = EUR 4.65; the run pays EUR 1.55 more.
    await revise('2024-09-12T06:00:00.000Z');
    await runPolicy();
    expect(janCredits().map((c) => c.amountMinor)).toEqual([310, 155]);

    // Back to 26 h: the policy now gives EUR 3.10 and claws back, so the decision shows -1.55 ...
    await revise('2024-09-11T06:00:00.000Z');
    const before = (await view()).decisions.find((d) => d.outage.title === dutchOutage.title)!;
    expect(before.decision!.adjustments).toEqual([expect.objectContaining({ creditedMinor: 465, policyNowMinor: 310, deltaMinor: -155, outageRevision: 3 })]);

    // ... and the run writes it: a negative credit under the revision's key, with its reason.
    expect(await runPolicy()).toBeGreaterThan(0);
    const [first, , clawback] = janCredits();
    expect(clawback).toEqual({ amountMinor: -155, idempotencyKey: `${first!.idempotencyKey}|rev:3`, reason: 'outage_revised', revision: 3 });
    expect(janCredits().reduce((sum, c) => sum + c.amountMinor, 0)).toBe(310);

    // A run after no change writes nothing; the decision is settled at the latest facts' amount.
    expect(await runPolicy()).toBe(0);
    const settled = await view();
    expect(settled.decisions.find((d) => d.outage.title === dutchOutage.title)!.decision).toMatchObject({
      status: 'already_credited',
      creditedMinor: 310,
      adjustments: [],
    });
    // The timeline shows the take-back as an adjustment with its reason.
    expect(settled.credits.find((c) => c.amountMinor === -155)?.adjustment).toEqual({ reason: 'outage_revised', outageRevision: 3 });

    // Billing receives what is owed: the three lines add up to EUR 3.10.
    exportDir = mkdtempSync(join(tmpdir(), 'ocd-clawback-export-'));
    createExportBatch(db(), { now: runAt, operatorId: null, dir: exportDir });
    let billed = 0;
    for (const file of readdirSync(exportDir)) {
      const [header, ...lines] = readFileSync(join(exportDir, file), 'utf8').trim().split('\r\n');
      const column = header!.split(',');
      for (const line of lines) {
        const cells = line.split(',');
        if (cells[column.indexOf('account_number')] === JAN) billed += Number(cells[column.indexOf('amount_minor')]);
      }
    }
    expect(billed).toBe(310);
  });

  it('still refuses a negative amount on any credit that is not a revision adjustment', async () => {
    bench = await openFeedBench();
    const row = db().prepare('SELECT account_id AS a, policy_id AS p FROM credits LIMIT 1').get() as { a: number; p: number } | undefined;
    const account = row?.a ?? (db().prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as number);
    const policy = row?.p ?? (db().prepare('SELECT id FROM credit_policies LIMIT 1').pluck().get() as number);
    expect(() =>
      db()
        .prepare(
          `INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at)
           VALUES ('neg', ?, ?, ?, -1, 'EUR', 'automatic', 'scheduled', 'neg-key', '2024-09-20T10:00:00.000Z')`,
        )
        .run(account, outageId(), policy),
    ).toThrow(/CHECK/);
  });
});
