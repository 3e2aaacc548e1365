import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/main/db/open-database';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';
import { generateDataset } from '../../electron/main/demo/generate-dataset';
import { seedBuiltInPolicies } from '../../electron/main/policies/seed-policies';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration 004 (import runs, export batches)', () => {
  it('upgrades a version 3 database with credits: none counts as exported, and the export rules then hold', () => {
    dir = mkdtempSync(join(tmpdir(), 'ocd-m004-'));
    const file = join(dir, 'desk.sqlite');
    const v3 = openDatabase(file, { migrations: allMigrations.slice(0, 3) });
    generateDataset(v3, { accounts: 3, seed: 1 });
    seedBuiltInPolicies(v3);
    v3.prepare(
      `INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at)
       SELECT 'C1', min(a.id), min(o.id), min(p.id), 500, 'USD', 'automatic', 'scheduled', 'k1', '2024-03-01T00:00:00.000Z'
       FROM accounts a, outages o, credit_policies p`,
    ).run();
    v3.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.length);
      expect(db.prepare(`SELECT id, exported_batch_id FROM credits`).all()).toEqual([{ id: 'C1', exported_batch_id: null }]);
      db.prepare(`INSERT INTO export_batches (id, created_at, credit_count, file_name, sha256) VALUES (1, 'x', 1, 'a.csv', 'h'), (2, 'x', 1, 'b.csv', 'h')`).run();
      db.prepare(`UPDATE credits SET exported_batch_id = 1`).run();
      expect(() => db.prepare(`UPDATE credits SET exported_batch_id = 2`).run()).toThrow(/one batch only/);
      expect(() => db.prepare(`UPDATE credits SET exported_batch_id = NULL`).run()).toThrow(/one batch only/);
      // Billing may confirm it (posted); nothing may take it back or change its money: a reversal line does that.
      db.prepare(`UPDATE credits SET status = 'posted'`).run();
      expect(() => db.prepare(`UPDATE credits SET status = 'reversed'`).run()).toThrow(/cannot change/);
      expect(() => db.prepare(`UPDATE credits SET amount_minor = 600`).run()).toThrow(/cannot change/);
    } finally {
      db.close();
    }
  });
});
