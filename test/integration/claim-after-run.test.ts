import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '@shared/domain/operator';
import { Policy } from '@shared/policy/policy-schema';
import { registerClaim } from '../../electron/main/evidence-intake/register-claim';
import { openFeedBench, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

const MARIA = '287100000001';
const NOW = new Date('2024-03-04T15:00:00.000Z'); // the bench's clock

describe('a claim whose credit waits for the outage to end', () => {
  it('is credited by the first policy run after the outage ended, once', async () => {
    bench = await openFeedBench();
    const db = bench.backend.db;
    db.prepare(
      `INSERT INTO outages (source_id, title, starts_at, ends_at, cause, services_json, towers_affected, regions_json, updated_at)
       VALUES ('claim-late', 'Regional outage (power)', '2024-03-01T00:00:00.000Z', NULL, 'power', '["wireless_voice"]', 50, '["NY"]', '2024-03-01T00:00:00.000Z')`,
    ).run();
    const outageId = db.prepare("SELECT id FROM outages WHERE source_id = 'claim-late'").pluck().get() as number;
    // On request, 1/30 of the monthly charge per started 24 h: the amount depends on the end.
    const policy = Policy.parse({
      code: 'claimed-share-test',
      version: 1,
      name: 'Claimed share of the monthly charge',
      currency: 'USD',
      unit: 'account',
      amount: { kind: 'share_of_monthly', base: 'account_monthly_charge', numeratorPerPeriod: 1, denominator: 30, period: { hours: 24, counting: 'started' } },
      delivery: { mode: 'on_request', postWithinCycles: 2, claimWindowDays: 30 },
    });
    const policyId = db.prepare('INSERT INTO credit_policies (code, version, rules_json) VALUES (?, 1, ?) RETURNING id').pluck().get(policy.code, JSON.stringify(policy));
    db.prepare('INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?)').run(outageId, policyId);
    const alice = db.prepare("SELECT id AS operatorId, username, role FROM operators WHERE username = 'alice'").get() as Actor;

    const claimed = registerClaim(db, alice, NOW, { accountNumber: MARIA, outageId, policyCode: policy.code, interactionRef: 'CALL-77' });
    expect(claimed).toMatchObject({ ok: true, value: { creditIds: [], claim: { creditId: null } } });

    // The outage ends after 30 hours: two started 24 h periods.
    db.prepare("UPDATE outages SET ends_at = '2024-03-02T06:00:00.000Z' WHERE id = ?").run(outageId);
    const started = bench.backend.policyRuns.start(outageId, null, NOW);
    if (!started.ok) throw new Error(started.code);
    await bench.backend.policyRuns.settled(started.status.runId);

    const charge = db.prepare('SELECT monthly_charge_minor FROM accounts WHERE account_number = ?').pluck().get(MARIA) as number;
    const credits = () =>
      db
        .prepare(`SELECT c.amount_minor AS amountMinor, c.source FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ? AND c.outage_id = ?`)
        .all(MARIA, outageId);
    expect(credits()).toEqual([{ amountMinor: Math.round((charge * 2) / 30), source: 'automatic' }]);
    expect(db.prepare('SELECT credit_id FROM credit_claims').pluck().get()).not.toBeNull();

    // Another run writes nothing more.
    const again = bench.backend.policyRuns.start(outageId, null, NOW);
    if (!again.ok) throw new Error(again.code);
    await bench.backend.policyRuns.settled(again.status.runId);
    expect(credits()).toHaveLength(1);
  });
});
