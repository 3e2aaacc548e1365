import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { countsAsEvidence } from '@shared/domain/fault-report';
import { migrate } from '../db/migrate';
import { allMigrations } from '../db/migrations/all-migrations';
import { findClaim, insertClaim, listClaimsOfAccount, markClaimRefused, standingClaims } from './claim-repo';
import { evidenceReports, listFaultReportsOfAccount } from './fault-report-repo';
import { evidenceTestDb, insertTestReport } from '../../../test/support/evidence-test-db';

/*
 * Issue 13: a report or a claim the hub refused stays on record but is no evidence in this
 * desktop's decisions, and a refused claim does not stand in the way of registering the case
 * again (desktop migration 028: refused_at, one standing claim per case).
 */

let db: Database.Database;
afterEach(() => db?.close());

const NOW = '2024-03-05T00:00:00.000Z';

function setUp(migrations = allMigrations): Database.Database {
  db = evidenceTestDb(migrations);
  return db;
}

function report(id: string) {
  insertTestReport(db, id);
}

function claim(id: string, policyCode = 'p') {
  insertClaim(db, { id, accountId: 1, outageId: 1, policyCode, claimedAt: NOW, interactionRef: 'CALL-1', recordedBy: 1 });
}

let seq = 0;
function outbox(requestId: string, op: 'fault_report.record' | 'claim.register', state: 'pending' | 'accepted' | 'refused') {
  seq += 1;
  db.prepare(
    `INSERT INTO hub_outbox (seq, desktop_id, op, payload_json, request_id, operator_username, created_at, state, refusal_code, refusal_reason, answered_at)
     VALUES (?, 'desk-a', ?, '{}', ?, 'alice', ?, ?, ?, ?, ?)`,
  ).run(seq, op, requestId, NOW, state, state === 'refused' ? 'NOT_FOUND' : null, state === 'refused' ? 'not_found' : null, state === 'pending' ? null : NOW);
}

describe('evidence the hub refused', () => {
  it('is the shared rule: only a refused report or claim is left out', () => {
    expect([undefined, null, 'pending_sync', 'synced', 'refused'].map((syncState) => countsAsEvidence({ syncState: syncState as never }))).toEqual([
      true, true, true, true, false,
    ]);
  });

  it('leaves a refused report out of the decisions’ evidence, and keeps every other one', () => {
    setUp();
    for (const id of ['R-unsent', 'R-pending', 'R-accepted', 'R-refused']) report(id);
    outbox('R-pending', 'fault_report.record', 'pending');
    outbox('R-accepted', 'fault_report.record', 'accepted');
    outbox('R-refused', 'fault_report.record', 'refused');
    const rows = listFaultReportsOfAccount(db, 1);
    expect(rows.map((r) => r.id)).toEqual(['R-accepted', 'R-pending', 'R-refused', 'R-unsent']);
    expect(evidenceReports(rows).map((r) => r.id)).toEqual(['R-accepted', 'R-pending', 'R-unsent']);
  });

  it('a refused claim no longer stands: not evidence, not found for the case, and the case can be claimed again once', () => {
    setUp();
    claim('C1');
    outbox('C1', 'claim.register', 'refused');
    markClaimRefused(db, 'C1', NOW);
    expect(standingClaims(listClaimsOfAccount(db, 1))).toEqual([]);
    expect(findClaim(db, 1, 1, 'p')).toBeUndefined();
    claim('C2');
    expect(findClaim(db, 1, 1, 'p')?.id).toBe('C2');
    expect(standingClaims(listClaimsOfAccount(db, 1)).map((c) => c.id)).toEqual(['C2']);
    // One standing claim per case, as before.
    expect(() => claim('C3')).toThrow(/UNIQUE constraint failed/);
    // A refused claim stays refused and stays on record.
    expect(() => db.prepare("UPDATE credit_claims SET refused_at = NULL WHERE id = 'C1'").run()).toThrow(/stays refused/);
    expect(() => db.prepare("DELETE FROM credit_claims WHERE id = 'C1'").run()).toThrow(/never deleted/);
    expect(listClaimsOfAccount(db, 1).map((c) => [c.id, c.refusedAt])).toEqual([['C1', NOW], ['C2', null]]);
  });

  it('migration 028 marks the claims already refused from their last outbox row, and keeps the others standing', () => {
    setUp(allMigrations.slice(0, 27));
    db.exec(`INSERT INTO credit_claims (id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by) VALUES
      ('C-refused', 1, 1, 'a', '${NOW}', 'CALL-1', 1), ('C-retried', 1, 1, 'b', '${NOW}', 'CALL-1', 1), ('C-unsent', 1, 1, 'c', '${NOW}', 'CALL-1', 1)`);
    outbox('C-refused', 'claim.register', 'refused');
    outbox('C-retried', 'claim.register', 'refused');
    outbox('C-retried', 'claim.register', 'accepted');
    migrate(db, allMigrations);
    expect(db.prepare('SELECT id, refused_at AS refusedAt FROM credit_claims ORDER BY id').all()).toEqual([
      { id: 'C-refused', refusedAt: NOW }, { id: 'C-retried', refusedAt: null }, { id: 'C-unsent', refusedAt: null },
    ]);
  });
});
