import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { previewOutagePolicies } from '../../hub/src/policies/policy-preview';
import { HubPolicyRuns } from '../../hub/src/policies/policy-runs';
import { copyCarrierData } from '../../scripts/bench/hub/carrier-copy';
import { startHubDatabase } from '../support/hub-database';
import { DUTCH_OUTAGE, openDemoDb, outageId, REFERENCE_OUTAGE, type DemoDb } from './policy-test-db';

/*
 * The policy-run preview at the hub against the desktop's preview, on the same data (the demo
 * cache copied column for column into a real PostgreSQL): the same credits to be written, the
 * same totals by currency and the same accounts decided eligible, with nothing written on
 * either side; and what the preview promised is what the hub's run then writes.
 */
const NOW = new Date('2026-11-25T12:00:00.000Z');
const TEXAS_OUTAGE = 'us-2026-11-23-texas-fiber';

let cluster: LocalCluster;
let owner: pg.Pool;
let pool: pg.Pool;
let demo: DemoDb;

async function hubCount(sql: string): Promise<number> {
  return Number((await owner.query<{ n: string }>(sql)).rows[0]!.n);
}
function desktopPreview(outage: number) {
  return runPolicyForOutage(demo.db, { runId: `preview-${outage}`, outageId: outage, startedBy: null, now: NOW, clock: () => NOW, preview: true });
}

beforeAll(async () => {
  ({ cluster, owner, pool } = await startHubDatabase(4));
  demo = openDemoDb();
  demo.db.prepare("UPDATE outages SET cause = 'equipment', ends_at = '2026-11-24T20:00:00.000Z' WHERE id = ?").run(outageId(demo.db, TEXAS_OUTAGE));
  demo.db
    .prepare(
      `UPDATE impacts SET ends_at = max(starts_at, ?), lost_minutes = max(0, CAST(round((julianday(max(starts_at, ?)) - julianday(starts_at)) * 1440) AS INTEGER))
       WHERE outage_id = ?`,
    )
    .run('2026-11-24T20:00:00.000Z', '2026-11-24T20:00:00.000Z', outageId(demo.db, TEXAS_OUTAGE));
  const copied = await copyCarrierData(demo.db, owner);
  expect(copied.accounts).toBeGreaterThan(2_000);
}, 120_000);

afterAll(async () => {
  demo?.close();
  await pool?.end();
  await owner?.end();
  await cluster?.stop();
}, 60_000);

describe('the policy-run preview at the hub against the desktop preview on the same data', () => {
  it.each([REFERENCE_OUTAGE, DUTCH_OUTAGE, TEXAS_OUTAGE])('promises the credits the desktop preview promises for %s, and writes nothing', async (source) => {
    const outage = outageId(demo.db, source);
    const before = { credits: await hubCount('SELECT count(*) AS n FROM credits'), runs: await hubCount('SELECT count(*) AS n FROM policy_runs'), log: await hubCount('SELECT count(*) AS n FROM change_log'), audit: await hubCount('SELECT count(*) AS n FROM audit_events') };
    const localCredits = demo.db.prepare('SELECT count(*) FROM credits').pluck().get();
    const desktop = await desktopPreview(outage);
    // In chunks of 97 accounts, so chunk edges fall inside the data.
    const hub = await previewOutagePolicies(pool, outage, NOW, 97);
    expect(desktop.creditsWritten).toBeGreaterThan(0);
    expect(hub).toMatchObject({ outageId: outage, preview: true, state: 'done', creditsWritten: desktop.creditsWritten, totals: desktop.totals });
    expect(hub.outcomes?.eligible).toBe(desktop.outcomes?.eligible);
    expect(hub.outcomes?.alreadyCredited).toBe(desktop.outcomes?.alreadyCredited);
    expect({ credits: await hubCount('SELECT count(*) AS n FROM credits'), runs: await hubCount('SELECT count(*) AS n FROM policy_runs'), log: await hubCount('SELECT count(*) AS n FROM change_log'), audit: await hubCount('SELECT count(*) AS n FROM audit_events') }).toEqual(before);
    expect(demo.db.prepare('SELECT count(*) FROM credits').pluck().get()).toBe(localCredits);

    // The hub's run then writes what its preview promised, and a preview after it promises nothing more.
    const runs = new HubPolicyRuns(pool, { clock: () => NOW });
    const { rows } = await owner.query<{ id: number }>('SELECT p.id FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id WHERE op.outage_id = $1 AND p.rules->\'delivery\'->>\'mode\' = \'automatic\'', [outage]);
    let written = 0;
    for (const { id } of rows) written += (await runs.settled((await runs.start(null, { outageId: outage, policyId: id }, NOW)).runId)).creditsWritten;
    await runs.close();
    expect(written).toBe(hub.creditsWritten);
    expect((await previewOutagePolicies(pool, outage, NOW)).creditsWritten).toBe(0);
  });

  it('answers NOT_FOUND for an outage the hub does not have', async () => {
    await expect(previewOutagePolicies(pool, 999_999, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
