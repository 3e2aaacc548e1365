import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { checkAfterKill, runCrashRounds } from './crash-rounds';

describe('crash safety (SIGKILL at random moments)', () => {
  it('keeps every acknowledged override and approval, with no half use case, over several kills', async () => {
    const report = await runCrashRounds({ rounds: 3, minKillMs: 50, maxKillMs: 400 });
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    // The kills landed while use cases were running, not before the first or after the last.
    expect(report.acknowledgedWrites).toBeGreaterThan(3);
    expect(report.approved).toBeGreaterThan(0);
  }, 60_000);

  it('would notice a lost acknowledged write and a request filed without its audit event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocd-crash-check-'));
    try {
      const backend = createBackend({ dbPath: join(dir, 'desk.sqlite'), seedDemo: true, isTrustedSender: () => false });
      const db = backend.db;
      const accountId = db.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as number;
      const outageId = db.prepare('SELECT id FROM outages LIMIT 1').pluck().get() as number;
      const operatorId = db.prepare("SELECT id FROM operators WHERE username = 'alice'").pluck().get() as number;
      db.prepare(
        `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
           interaction_ref, requested_by, status, created_at)
         VALUES ('half', ?, ?, 'goodwill', 100, 'USD', 'x', 'x', 'x', ?, 'pending', '2024-03-04T15:00:00.000Z')`,
      ).run(accountId, outageId, operatorId);
      const result = checkAfterKill(db, { submitted: new Set(['half', 'never-written']), approved: new Set(['half']) });
      backend.close();
      expect(result.lost).toBe(2);
      expect(result.problems).toEqual([
        '2 acknowledged writes missing',
        '1 requests without their override.submitted event',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
