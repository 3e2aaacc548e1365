import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../electron/main/db/open-database';
import { seedDemo } from '../../electron/main/demo/generate-dataset';
import { attachDemoPolicies, seedBuiltInPolicies } from '../../electron/main/policies/seed-policies';
import { findOutageIdBySource } from '../../electron/main/policies/policy-repo';

export interface DemoDb {
  db: Database.Database;
  file: string;
  close(): void;
}

/** A real SQLite file with the demo data, the built-in policies and their demo links. */
export function openDemoDb(): DemoDb {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-policy-'));
  const file = join(dir, 'desk.sqlite');
  const db = openDatabase(file);
  seedBuiltInPolicies(db);
  seedDemo(db);
  attachDemoPolicies(db);
  return {
    db,
    file,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function outageId(db: Database.Database, sourceId: string): number {
  const id = findOutageIdBySource(db, sourceId);
  if (id === undefined) throw new Error(`no outage ${sourceId}`);
  return id;
}

export const REFERENCE_OUTAGE = 'att-2024-02-22-nationwide';
export const DUTCH_OUTAGE = 'nl-2024-09-10-randstad';

/** Every credit of an outage by what makes it that credit, not by its random id. */
export function creditsOf(db: Database.Database, outage: number): unknown[] {
  return db
    .prepare(
      `SELECT account_id, line_id, policy_id, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key
       FROM credits WHERE outage_id = ? ORDER BY idempotency_key`,
    )
    .all(outage);
}
