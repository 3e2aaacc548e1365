import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { createFeedImportService } from '../../electron/main/feeds/feed-import-service';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { checkAfterKill } from './crash-checks';
import { runCrashRounds } from './crash-rounds';
import { CRASH_FEED_ENTITIES, crashFeedPlan, writeCrashFeeds } from './fixtures/crash-feeds';
import { creditIdsOfRun } from './fixtures/crash-queries';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const NOW = new Date('2024-03-04T15:00:00.000Z');

describe('crash safety (SIGKILL at random moments)', () => {
  it('keeps every acknowledged override, import batch and policy-run chunk, with no half use case, over several kills', async () => {
    const report = await runCrashRounds({ rounds: 3, minKillMs: 50, maxKillMs: 400 });
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    // The kills landed while all three use cases were running, not before the first or after the last.
    expect(report.acknowledged.overrides).toBeGreaterThan(3);
    expect(report.acknowledged.importBatches).toBeGreaterThan(2);
    expect(report.acknowledged.creditChunks).toBeGreaterThan(2);
    expect(report.acknowledged.credits).toBeGreaterThan(0);
    expect(report.approved).toBeGreaterThan(0);
    expect(report.importedRows).toBeGreaterThanOrEqual(report.acknowledged.importRows);
  }, 60_000);

  it('would notice lost acknowledged writes, a request without its audit event, a half import and a policy run missing a credit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocd-crash-check-'));
    try {
      const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath: join(dir, 'desk.sqlite'), seedDemo: true, isTrustedSender: () => false, clock: () => NOW });
      const db = backend.db;
      const accountId = db.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as number;
      const outageId = db.prepare("SELECT id FROM outages WHERE source_id = 'att-2024-02-22-nationwide'").pluck().get() as number;
      const operatorId = db.prepare("SELECT id FROM operators WHERE username = 'alice'").pluck().get() as number;
      db.prepare(
        `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
           interaction_ref, requested_by, status, created_at)
         VALUES ('half', ?, ?, 'goodwill', 100, 'USD', 'x', 'x', 'x', ?, 'pending', '2024-03-04T15:00:00.000Z')`,
      ).run(accountId, outageId, operatorId);

      // A whole import through the real service, then its last row taken away: half a batch.
      const plan = crashFeedPlan('r0i0');
      const paths = writeCrashFeeds(join(dir, 'feeds'), plan);
      const service = createFeedImportService({ db, clock: () => NOW, pickFeedFiles: async () => paths, reportsDir: dir, batchRows: plan.batchRows });
      const scan = await service.scan('files');
      const started = service.start(scan.scanId!, null) as { runId: string };
      await service.finished(started.runId);
      const rows = CRASH_FEED_ENTITIES.reduce((sum, entity) => sum + plan.rows[entity].length, 0);
      const lastEntity = [...CRASH_FEED_ENTITIES].reverse().find((entity) => plan.rows[entity].length > 0)!;
      const lastRow = plan.rows[lastEntity].at(-1)!.source_id as string;
      db.prepare(`DELETE FROM ${lastEntity} WHERE source_id = ?`).run(lastRow);

      // A whole policy run, then one of its credits taken away: half a chunk.
      const run = await runPolicyForOutage(db, { runId: 'run-1', outageId, startedBy: null, now: NOW, clock: () => NOW, chunkSize: 100 });
      const [missingCredit] = creditIdsOfRun(db, outageId, NOW.toISOString());
      db.prepare('DELETE FROM credits WHERE id = ?').run(missingCredit);

      const result = checkAfterKill(db, {
        submitted: new Set(['half', 'never-written']),
        approved: new Set(['half']),
        imports: new Map([['r0i0', [rows]]]),
        chunks: new Map([['run-1', [{ done: run.done, creditsWritten: run.creditsWritten }]]]),
        credits: new Set([missingCredit!]),
      });
      backend.close();
      expect(run.creditsWritten).toBeGreaterThan(0);
      expect(result.lost).toBe(4);
      expect(result.problems).toEqual(
        expect.arrayContaining([
          '4 acknowledged writes missing',
          '1 requests without their override.submitted event',
          expect.stringMatching(new RegExp(`^import r0i0: ${plan.rows[lastEntity].length - 1} ${lastEntity} rows but the run records ${plan.rows[lastEntity].length}$`)),
          expect.stringMatching(/^1 policy runs whose credits differ from their record \(run run-1: /),
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
