import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { APP, importFeeds, openFeedBench, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

interface Event {
  action: string;
  operatorId: number | null;
  target: string;
  after: Record<string, unknown>;
}

function events(action: string): Event[] {
  return (
    bench!.backend.db
      .prepare('SELECT action, operator_id AS operatorId, target, after_json AS after FROM audit_events WHERE action = ? ORDER BY seq')
      .all(action) as Array<Omit<Event, 'after'> & { after: string }>
  ).map((row) => ({ ...row, after: JSON.parse(row.after) as Record<string, unknown> }));
}

const adaId = () => bench!.backend.db.prepare("SELECT id FROM operators WHERE username = 'ada'").pluck().get() as number;

describe('consequential actions in the audit chain', () => {
  it('records sign-ins, failed sign-ins and the lockout, for real and unknown usernames alike', async () => {
    bench = await openFeedBench();
    expect(events('auth.signed_in')).toEqual([{ action: 'auth.signed_in', operatorId: adaId(), target: 'operator:ada', after: { role: 'admin' } }]);
    for (let attempt = 0; attempt < 5; attempt += 1) await bench.backend.dispatch('authSignIn', { username: 'bob', password: 'not-bobs' }, APP);
    await bench.backend.dispatch('authSignIn', { username: 'nobody', password: 'whatever-it-is' }, APP);
    const failures = events('auth.sign_in_failed');
    expect(failures.map((e) => [e.target, e.after.code])).toEqual([
      ...Array.from({ length: 4 }, () => ['operator:bob', 'BAD_CREDENTIALS']),
      ['operator:bob', 'OPERATOR_LOCKED'],
      ['operator:nobody', 'BAD_CREDENTIALS'],
    ]);
    expect(failures.at(-1)!.operatorId).toBeNull();
    expect(events('auth.locked')).toEqual([expect.objectContaining({ target: 'operator:bob', after: { lockedUntil: expect.any(String) } })]);
    expect(verifyAuditChain(bench.backend.db).ok).toBe(true);
  });

  it('records a feed import, a policy run and a billing export as one summary event each, with counts and totals', async () => {
    bench = await openFeedBench();
    const before = bench.backend.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    await importFeeds(bench, 'samples');
    const [imported] = events('feed_import.finished');
    const rejections = bench.backend.db.prepare('SELECT count(*) FROM import_rejections').pluck().get() as number;
    expect(imported).toMatchObject({ operatorId: adaId(), after: { state: 'done', rejected: rejections } });
    const files = imported!.after.files as Array<Record<string, number | string>>;
    const stored = bench.backend.db.prepare('SELECT file_name AS fileName, inserted, updated, unchanged, rejected FROM import_run_files ORDER BY position').all();
    expect(files.map(({ fileName, inserted, updated, unchanged, rejected }) => ({ fileName, inserted, updated, unchanged, rejected }))).toEqual(stored);
    expect(files.reduce((sum, f) => sum + Number(f.inserted) + Number(f.updated), 0)).toBeGreaterThan(0);

    const db = bench.backend.db;
    const outageId = db.prepare("SELECT id FROM outages WHERE source_id = 'att-2024-02-22-nationwide'").pluck().get() as number;
    const runAt = new Date('2024-03-05T12:00:00.000Z');
    const run = await runPolicyForOutage(db, { runId: 'audit-run-1', outageId, startedBy: adaId(), now: runAt, clock: () => runAt });
    expect(run.creditsWritten).toBeGreaterThan(0);
    const written = db
      .prepare("SELECT currency, count(*) AS credits, sum(amount_minor) AS amountMinor FROM credits WHERE created_at = ? GROUP BY currency")
      .all(runAt.toISOString());
    expect(events('policy_run.finished')).toEqual([
      { action: 'policy_run.finished', operatorId: adaId(), target: 'policy_run:audit-run-1', after: { outageId, state: 'done', accounts: run.done, creditsWritten: run.creditsWritten, totals: written } },
    ]);

    const exported = await bench.backend.dispatch('exportCreateBatch', {}, APP);
    expect(exported.ok).toBe(true);
    const [batch] = events('billing_export.created');
    expect(batch).toMatchObject({ operatorId: adaId(), target: 'export_batch:1', after: { fileName: 'billing-credits-batch-000001.csv' } });
    const lines = exported.ok ? (exported.value as { batch: { creditCount: number; totals: unknown } }).batch : null;
    expect(batch!.after).toMatchObject({ lines: lines!.creditCount, totals: lines!.totals });

    // Thousands of rows and credits, a handful of events: summaries, not one per row.
    const after = db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    expect(after - before).toBe(3);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
