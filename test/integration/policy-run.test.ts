import { afterEach, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { getAccountDecisions } from '../../electron/main/decisions/decision-service';
import { runPolicyForOutage, type PolicyRunOptions } from '../../electron/main/policies/policy-run';
import { createPolicyRunRegistry } from '../../electron/main/policies/policy-run-registry';
import { createRunnableOutageLister } from '../../electron/main/policies/runnable-outages';
import { creditsOf, DUTCH_OUTAGE, openDemoDb, outageId, REFERENCE_OUTAGE, type DemoDb } from './policy-test-db';

const NOW = new Date('2024-03-04T15:00:00.000Z');

/** The accounts the February 2024 credit's inclusion rules admit: the only ones a run decides. */
function admittedByMakeItRight(demo: DemoDb): number {
  return (
    demo.db
      .prepare(
        `SELECT count(*) AS n FROM accounts WHERE brand = 'att' AND segment = 'consumer' AND payment_type = 'postpaid'
         AND status IN ('active', 'suspended') AND country = 'US' AND currency = 'USD'`,
      )
      .get() as { n: number }
  ).n;
}
const clock = () => NOW;
const opened: DemoDb[] = [];

function demoDb(): DemoDb {
  const demo = openDemoDb();
  opened.push(demo);
  return demo;
}

afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function run(demo: DemoDb, source: string, extra: Partial<PolicyRunOptions> = {}) {
  return runPolicyForOutage(demo.db, {
    runId: `run-${Math.random()}`,
    outageId: outageId(demo.db, source),
    startedBy: null,
    now: NOW,
    clock,
    chunkSize: 500,
    ...extra,
  });
}

describe('policy run across all accounts', () => {
  it('writes scheduled automatic credits with their bill dates, and a second run writes none', async () => {
    const demo = demoDb();
    const first = await run(demo, REFERENCE_OUTAGE);
    const admitted = admittedByMakeItRight(demo);
    expect(admitted).toBeGreaterThan(500);
    expect(admitted).toBeLessThan(2005);
    expect(first).toMatchObject({ state: 'done', total: admitted, done: admitted });
    expect(first.creditsWritten).toBeGreaterThan(100);
    const credits = creditsOf(demo.db, outageId(demo.db, REFERENCE_OUTAGE));
    expect(credits).toHaveLength(first.creditsWritten);

    const second = await run(demo, REFERENCE_OUTAGE);
    expect(second).toMatchObject({ state: 'done', creditsWritten: 0 });
    expect(creditsOf(demo.db, outageId(demo.db, REFERENCE_OUTAGE))).toEqual(credits);
  });

  it('credits Maria Müller $5.00 once, scheduled on the run date for her next bill, and her decision then says already credited', async () => {
    const demo = demoDb();
    await run(demo, REFERENCE_OUTAGE);
    const view = getAccountDecisions(demo.db, demoAccounts.mariaMuller.accountNumber, NOW.toISOString())!;
    expect(view.credits).toEqual([
      expect.objectContaining({
        amountMinor: 500,
        currency: 'USD',
        policyCode: 'att-2024-02-make-it-right',
        policyVersion: 2,
        source: 'automatic',
        status: 'scheduled',
        scheduledOn: '2024-03-04',
        billDate: '2024-03-14',
        lineId: null,
      }),
    ]);
    expect(view.decisions[0]?.decision).toMatchObject({
      status: 'already_credited',
      creditedMinor: 500,
      existingCreditIds: [view.credits[0]!.id],
    });
  });

  it('writes no credit for the prepaid, business and Cricket demo accounts', async () => {
    const demo = demoDb();
    await run(demo, REFERENCE_OUTAGE);
    for (const account of [demoAccounts.carlosPena, demoAccounts.okaforLogistics, demoAccounts.zoeNguyen]) {
      expect(getAccountDecisions(demo.db, account.accountNumber, NOW.toISOString())!.credits).toEqual([]);
    }
  });

  it('credits the Dutch account EUR 3.10 under the Telecommunicatiewet', async () => {
    const demo = demoDb();
    await run(demo, DUTCH_OUTAGE);
    const view = getAccountDecisions(demo.db, demoAccounts.janDeVries.accountNumber, NOW.toISOString())!;
    // The outage ended 11 Sep 2024, after NOW: the first bill after it, on bill cycle day 1.
    expect(view.credits).toEqual([expect.objectContaining({ amountMinor: 310, currency: 'EUR', billDate: '2024-10-01' })]);
  });

  it('re-runs by deciding only the accounts their credits do not settle: nothing written, and an account newly touched is credited', async () => {
    const demo = demoDb();
    const outage = outageId(demo.db, REFERENCE_OUTAGE);
    const decidedIn = async () => {
      let decided = 0;
      const status = await run(demo, REFERENCE_OUTAGE, { onChunk: (chunk) => (decided += chunk.decided) });
      return { status, decided };
    };
    const first = await decidedIn();
    const admitted = admittedByMakeItRight(demo);
    expect(first.decided).toBe(admitted);
    const credited = creditsOf(demo.db, outage);
    expect(credited).toHaveLength(first.status.creditsWritten);

    // The re-run still covers every admitted account, but decides only those without a credit.
    const again = await decidedIn();
    expect(again.status).toMatchObject({ state: 'done', done: admitted, creditsWritten: 0 });
    expect(again.decided).toBe(admitted - credited.length);
    expect(creditsOf(demo.db, outage)).toEqual(credited);

    // An admitted account that got nothing (no impact record on its lines) is recorded as touched.
    const newlyTouched = demo.db
      .prepare(
        `SELECT l.account_id AS accountId, l.id AS lineId FROM lines l JOIN accounts a ON a.id = l.account_id
         WHERE a.brand = 'att' AND a.segment = 'consumer' AND a.payment_type = 'postpaid' AND a.status IN ('active', 'suspended')
           AND a.country = 'US' AND a.currency = 'USD' AND l.service_type IN ('wireless_voice', 'wireless_data')
           AND NOT EXISTS (SELECT 1 FROM credits c WHERE c.outage_id = ? AND c.account_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM lines l2 JOIN impacts i ON i.line_id = l2.id WHERE l2.account_id = a.id AND i.outage_id = ?)
         ORDER BY l.id LIMIT 1`,
      )
      .get(outage, outage) as { accountId: number; lineId: number };
    demo.db
      .prepare(
        `INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
         SELECT 'test-newly-touched', id, ?, starts_at, ends_at, 60, 1 FROM outages WHERE id = ?`,
      )
      .run(newlyTouched.lineId, outage);
    const third = await decidedIn();
    expect(third.status.creditsWritten).toBe(1);
    expect(third.decided).toBe(admitted - credited.length);
    const after = creditsOf(demo.db, outage) as Array<{ account_id: number; amount_minor: number }>;
    expect(after).toHaveLength(credited.length + 1);
    expect(after.filter((c) => c.account_id === newlyTouched.accountId)).toEqual([expect.objectContaining({ amount_minor: 500, source: 'automatic' })]);
  });

  it('counts a skipped account already credited while the outage concerns it, by its region or an impact, and not eligible once nothing does', async () => {
    const demo = demoDb();
    const outage = outageId(demo.db, REFERENCE_OUTAGE);
    const first = await run(demo, REFERENCE_OUTAGE);
    const o = first.outcomes!;
    const regions = JSON.parse((demo.db.prepare('SELECT regions_json AS r FROM outages WHERE id = ?').get(outage) as { r: string }).r) as string[];
    expect(regions).not.toContain('VT');
    // A credited account moves out of the outage's regions: only its impact record concerns it now.
    const { accountId } = demo.db
      .prepare(`SELECT account_id AS accountId FROM credits WHERE outage_id = ? AND source = 'automatic' ORDER BY account_id LIMIT 1`)
      .get(outage) as { accountId: number };
    demo.db.prepare(`UPDATE accounts SET region = 'VT' WHERE id = ?`).run(accountId);
    let decided = 0;
    const touched = await run(demo, REFERENCE_OUTAGE, { preview: true, onChunk: (chunk) => (decided += chunk.decided) });
    expect(decided).toBe(o.notEligible + o.needsReview);
    expect(touched.outcomes).toEqual({ eligible: 0, alreadyCredited: o.eligible, notEligible: o.notEligible, needsReview: o.needsReview });

    // Its impact records withdrawn, nothing concerns it: not eligible (and still nothing written).
    demo.db.prepare('DELETE FROM impacts WHERE outage_id = ? AND line_id IN (SELECT id FROM lines WHERE account_id = ?)').run(outage, accountId);
    const untouched = await run(demo, REFERENCE_OUTAGE, { preview: true });
    expect(untouched).toMatchObject({ creditsWritten: 0 });
    expect(untouched.outcomes).toEqual({ ...touched.outcomes, alreadyCredited: o.eligible - 1, notEligible: o.notEligible + 1 });
  });

  it('reaches the same credits as a clean run when re-run after being cancelled after one chunk', async () => {
    const clean = demoDb();
    await run(clean, REFERENCE_OUTAGE);
    const expected = creditsOf(clean.db, outageId(clean.db, REFERENCE_OUTAGE));

    const interrupted = demoDb();
    let chunks = 0;
    const cut = await run(interrupted, REFERENCE_OUTAGE, {
      onProgress: (status) => {
        if (status.done > 0) chunks += 1;
      },
      shouldStop: () => chunks >= 1,
    });
    expect(cut).toMatchObject({ state: 'cancelled', done: 500 });
    const partial = creditsOf(interrupted.db, outageId(interrupted.db, REFERENCE_OUTAGE));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(expected.length);

    const rerun = await run(interrupted, REFERENCE_OUTAGE);
    expect(rerun.creditsWritten).toBe(expected.length - partial.length);
    expect(creditsOf(interrupted.db, outageId(interrupted.db, REFERENCE_OUTAGE))).toEqual(expected);
  });

  it('keeps the chunks committed before a crash and reaches the clean end state when re-run', async () => {
    const clean = demoDb();
    await run(clean, REFERENCE_OUTAGE);
    const expected = creditsOf(clean.db, outageId(clean.db, REFERENCE_OUTAGE));

    const crashed = demoDb();
    await expect(
      run(crashed, REFERENCE_OUTAGE, {
        onProgress: (status) => {
          if (status.done >= 1000) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const row = crashed.db.prepare('SELECT state, accounts_done AS done FROM policy_runs').get();
    expect(row).toEqual({ state: 'failed', done: 1000 });

    await run(crashed, REFERENCE_OUTAGE);
    expect(creditsOf(crashed.db, outageId(crashed.db, REFERENCE_OUTAGE))).toEqual(expected);
  });

  it('gives the event loop back between chunks, so other work runs while a run is going', async () => {
    const demo = demoDb();
    const seen: number[] = [];
    let progress = 0;
    const running = run(demo, REFERENCE_OUTAGE, { onProgress: (s) => (progress = s.done) });
    // A timer set now fires between chunks, not after the whole run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    seen.push(progress);
    const final = await running;
    expect(seen[0]).toBeLessThan(final.done);
  });
});

describe('policy run preview', () => {
  const auditCount = (demo: DemoDb) => (demo.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const runCount = (demo: DemoDb) => (demo.db.prepare('SELECT count(*) AS n FROM policy_runs').get() as { n: number }).n;

  it('reports the count and the per-currency totals the run then writes, and writes nothing itself', async () => {
    const demo = demoDb();
    const outage = outageId(demo.db, REFERENCE_OUTAGE);
    const audits = auditCount(demo);
    const preview = await run(demo, REFERENCE_OUTAGE, { preview: true });
    expect(preview).toMatchObject({ preview: true, state: 'done', done: admittedByMakeItRight(demo) });
    expect(preview.creditsWritten).toBeGreaterThan(100);
    expect(creditsOf(demo.db, outage)).toEqual([]);
    expect(runCount(demo)).toBe(0);
    expect(auditCount(demo)).toBe(audits);

    const real = await run(demo, REFERENCE_OUTAGE);
    expect(real.creditsWritten).toBe(preview.creditsWritten);
    expect(real.totals).toEqual(preview.totals);
    // $5.00 per account under the February 2024 credit.
    expect(real.totals).toEqual([{ currency: 'USD', credits: real.creditsWritten, amountMinor: 500 * real.creditsWritten }]);
    expect(real.outcomes).toEqual(preview.outcomes);
  });

  it('breaks the accounts down by outcome, each counted once, and a second run finds them already credited', async () => {
    const demo = demoDb();
    const first = await run(demo, REFERENCE_OUTAGE);
    const o = first.outcomes!;
    expect(o.eligible + o.notEligible + o.alreadyCredited + o.needsReview).toBe(first.done);
    expect(o.eligible).toBe(first.creditsWritten);
    // The demo's February accounts are all admitted; those without an impact record wait for a person.
    expect(o.needsReview).toBeGreaterThan(0);

    const again = await run(demo, REFERENCE_OUTAGE, { preview: true });
    expect(again.creditsWritten).toBe(0);
    expect(again.outcomes).toEqual({ eligible: 0, alreadyCredited: o.eligible, notEligible: o.notEligible, needsReview: o.needsReview });
  });

  it('is kept by the registry in memory only: no run record, and no follow-up work after it', async () => {
    const demo = demoDb();
    let afterRuns = 0;
    const runs = createPolicyRunRegistry(demo.db, { clock, chunkSize: 500, afterRun: () => (afterRuns += 1) });
    const started = runs.start(outageId(demo.db, REFERENCE_OUTAGE), null, NOW, 'preview');
    if (!started.ok) throw new Error('did not start');
    expect(started.status.preview).toBe(true);
    const final = await runs.settled(started.status.runId);
    expect(final).toMatchObject({ preview: true, state: 'done' });
    expect(runs.status(started.status.runId)).toEqual(final);
    expect(runCount(demo)).toBe(0);
    expect(afterRuns).toBe(0);
  });
});

describe('runnable outages', () => {
  it('lists the demo outages with their policies by name and their reach, and offers the widest recent one first', () => {
    const demo = demoDb();
    const { outages, defaultOutageId } = createRunnableOutageLister()(demo.db, NOW.toISOString());
    const reference = outages.find((o) => o.id === outageId(demo.db, REFERENCE_OUTAGE))!;
    expect(reference.policies[0]).toMatchObject({ code: 'att-2024-02-make-it-right', name: expect.any(String) });
    expect(reference.impactedAccounts).toBeGreaterThan(0);
    // Newest first, as listed; the default is chosen by reach, not by the order.
    const starts = outages.map((o) => o.startsAt);
    expect(starts).toEqual([...starts].sort().reverse());
    const widest = Math.max(...outages.filter((o) => o.startsAt <= NOW.toISOString()).map((o) => o.impactedAccounts));
    expect(outages.find((o) => o.id === defaultOutageId)?.impactedAccounts).toBe(widest);
  });
});

describe('policy run registry', () => {
  it('answers start at once, reports progress, refuses a second run of the same outage while the first runs', async () => {
    const demo = demoDb();
    const runs = createPolicyRunRegistry(demo.db, { clock, chunkSize: 500 });
    const outage = outageId(demo.db, REFERENCE_OUTAGE);
    const started = runs.start(outage, null, NOW);
    if (!started.ok) throw new Error('did not start');
    expect(started.status).toMatchObject({ state: 'running', done: 0, total: admittedByMakeItRight(demo) });
    expect(runs.start(outage, null, NOW)).toEqual({ ok: false, code: 'CONFLICT' });
    const final = await runs.settled(started.status.runId);
    expect(final).toMatchObject({ state: 'done', done: admittedByMakeItRight(demo) });
    expect(runs.status(started.status.runId)).toEqual(final);
  });

  it('stops a cancelled run after the chunk in progress', async () => {
    const demo = demoDb();
    const runs = createPolicyRunRegistry(demo.db, { clock, chunkSize: 500 });
    const started = runs.start(outageId(demo.db, REFERENCE_OUTAGE), null, NOW);
    if (!started.ok) throw new Error('did not start');
    expect(runs.cancel(started.status.runId)?.state).toBe('running');
    const final = await runs.settled(started.status.runId);
    expect(final.state).toBe('cancelled');
    expect(final.done).toBeLessThan(admittedByMakeItRight(demo));
  });

  it('refuses to run an outage without a policy', () => {
    const demo = demoDb();
    const runs = createPolicyRunRegistry(demo.db, { clock });
    expect(runs.start(outageId(demo.db, 'us-2024-08-05-storm'), null, NOW)).toEqual({ ok: false, code: 'NOT_FOUND' });
  });

  it('reports a run cut off by a restart as failed', async () => {
    const demo = demoDb();
    demo.db
      .prepare(`INSERT INTO policy_runs (id, outage_id, started_at, state, accounts_total, accounts_done) VALUES ('old', ?, ?, 'running', 10, 5)`)
      .run(outageId(demo.db, REFERENCE_OUTAGE), NOW.toISOString());
    const runs = createPolicyRunRegistry(demo.db, { clock });
    // A run stored before the breakdown was kept has none (null); the totals are read from the credits it wrote.
    expect(runs.status('old')).toMatchObject({ state: 'failed', done: 5, total: 10, preview: false, outcomes: null, totals: [] });
  });

  it('keeps the breakdown by outcome with the run: after a restart it is the one the run reported, and the outage names its last run', async () => {
    const demo = demoDb();
    const before = createPolicyRunRegistry(demo.db, { clock, chunkSize: 300 });
    const outage = outageId(demo.db, REFERENCE_OUTAGE);
    const started = before.start(outage, null, NOW);
    if (!started.ok) throw new Error('not started');
    const final = await before.settled(started.status.runId);
    expect(final.state).toBe('done');
    expect(final.outcomes).not.toBeNull();
    const { eligible, notEligible, alreadyCredited, needsReview } = final.outcomes!;
    expect(eligible + notEligible + alreadyCredited + needsReview).toBe(final.done);
    expect(eligible).toBeGreaterThan(0);

    // A new registry on the same database is what the app has after a restart.
    const after = createPolicyRunRegistry(demo.db, { clock });
    expect(after.status(started.status.runId)).toEqual({ ...final, policies: undefined, preview: false });
    const listed = createRunnableOutageLister()(demo.db, NOW.toISOString()).outages.find((o) => o.id === outage);
    expect(listed?.lastRunId).toBe(started.status.runId);
    // An outage never run has none.
    const dutch = createRunnableOutageLister()(demo.db, NOW.toISOString()).outages.find((o) => o.id === outageId(demo.db, DUTCH_OUTAGE));
    expect(dutch?.lastRunId).toBeNull();
  });

  it('keeps what a cancelled run counted, chunk by chunk, across a restart', async () => {
    const demo = demoDb();
    const runs = createPolicyRunRegistry(demo.db, { clock, chunkSize: 100 });
    const started = runs.start(outageId(demo.db, REFERENCE_OUTAGE), null, NOW);
    if (!started.ok) throw new Error('not started');
    // Let a few chunks commit, then stop.
    await new Promise((resolve) => setTimeout(resolve, 30));
    runs.cancel(started.status.runId);
    const final = await runs.settled(started.status.runId);
    const stored = createPolicyRunRegistry(demo.db, { clock }).status(started.status.runId)!;
    expect(stored.state).toBe(final.state);
    expect(stored.outcomes).toEqual(final.outcomes);
    const counted = Object.values(stored.outcomes!).reduce((a, b) => a + b, 0);
    expect(counted).toBe(stored.done);
  });
});
