import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyClaim, applyFaultReport } from '../hub-sync/apply-evidence';
import { listClaimsOfAccount, toLocalClaimView } from './claim-repo';
import { listFaultReportRegister, listFaultReportsOfAccount, toLocalFaultReportView } from './fault-report-repo';
import { evidenceTestDb, insertTestReport } from '../../../test/support/evidence-test-db';

/*
 * Where a report or claim stands with the hub, as the account screen reads it: from this
 * desktop's own last outbox row for it, else from having come down from the hub (migration
 * 022), else nothing (a standalone desktop's row, or one recorded before the desktop joined).
 */

let db: Database.Database;
afterEach(() => db?.close());

const NOW = '2024-03-05T00:00:00.000Z';

function setUp(): Database.Database {
  db = evidenceTestDb();
  return db;
}

function report(id: string) {
  insertTestReport(db, id);
}

function claim(id: string, policyCode: string) {
  db.prepare(
    `INSERT INTO credit_claims (id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by)
     VALUES (?, 1, 1, ?, '2024-03-04T00:00:00.000Z', 'CALL-1', 1)`,
  ).run(id, policyCode);
}

let seq = 0;
function outbox(requestId: string, op: 'fault_report.record' | 'claim.register', state: 'pending' | 'accepted' | 'refused', reason: string | null = null) {
  seq += 1;
  db.prepare(
    `INSERT INTO hub_outbox (seq, desktop_id, op, payload_json, request_id, operator_username, created_at, state, refusal_code, refusal_reason)
     VALUES (?, 'desk-a', ?, '{}', ?, 'alice', ?, ?, ?, ?)`,
  ).run(seq, op, requestId, NOW, state, reason === null ? null : 'NOT_FOUND', reason);
}

function reportStates() {
  return listFaultReportsOfAccount(db, 1).map((row) => {
    const view = toLocalFaultReportView(row);
    return [view.id, view.syncState ?? null, view.syncRefusal ?? null];
  });
}

function claimStates() {
  return listClaimsOfAccount(db, 1).map((row) => {
    const view = toLocalClaimView(row);
    return [view.id, view.syncState ?? null, view.syncRefusal ?? null];
  });
}

describe('a report’s and a claim’s standing with the hub', () => {
  it('says nothing for a row that was never sent nor received (standalone, or recorded before joining)', () => {
    setUp();
    report('R0');
    claim('C0', 'p0');
    expect(reportStates()).toEqual([['R0', null, null]]);
    expect(claimStates()).toEqual([['C0', null, null]]);
    expect(toLocalFaultReportView(listFaultReportsOfAccount(db, 1)[0]!)).not.toHaveProperty('syncState');
  });

  it('follows this desktop’s last outbox row for it: pending, accepted, refused with the reason', () => {
    setUp();
    report('R1');
    report('R2');
    report('R3');
    outbox('R1', 'fault_report.record', 'pending');
    outbox('R2', 'fault_report.record', 'accepted');
    outbox('R3', 'fault_report.record', 'refused', 'line_not_on_account');
    claim('C1', 'p1');
    outbox('C1', 'claim.register', 'pending');
    expect(reportStates()).toEqual([
      ['R1', 'pending_sync', null],
      ['R2', 'synced', null],
      ['R3', 'refused', 'line_not_on_account'],
    ]);
    expect(claimStates()).toEqual([['C1', 'pending_sync', null]]);
    // An outbox row of another operation on the same id says nothing about the report.
    report('R4');
    outbox('R4', 'claim.register', 'refused', 'not_found');
    expect(reportStates().at(-1)).toEqual(['R4', null, null]);
    // The register reads the same.
    expect(listFaultReportRegister(db, null, 10).map((row) => [row.id, row.syncState])).toEqual(
      expect.arrayContaining([['R1', 'pending_sync'], ['R3', 'refused'], ['R4', null]]),
    );
  });

  it('says synced for a report or claim the hub sent down, and keeps this desktop’s refusal over it', () => {
    setUp();
    const change = {
      id: 'R9',
      accountId: 7,
      accountNumber: '287100000001',
      lineId: null,
      outageId: 1,
      fromAt: '2024-02-22T09:00:00.000Z',
      toAt: null,
      failed: ['calls' as const],
      reportedAt: '2024-03-04T00:00:00.000Z',
      note: 'No calls at all, says the customer.',
      interactionRef: 'CALL-9',
      recordedBy: 'bob',
      clientRequestId: 'draft-r9',
    };
    expect(applyFaultReport(db, change, NOW)).toBe(true);
    expect(applyClaim(db, { id: 'C9', accountId: 7, accountNumber: '287100000001', outageId: 1, policyCode: 'p9', claimedAt: NOW, interactionRef: 'CALL-9', recordedBy: 'bob', creditId: null }, NOW)).toBe(true);
    expect(reportStates()).toEqual([['R9', 'synced', null]]);
    expect(claimStates()).toEqual([['C9', 'synced', null]]);

    // This desktop's own claim of a case, refused, stays refused even if the hub sends the case's claim.
    claim('C10', 'p10');
    outbox('C10', 'claim.register', 'refused', 'claim_window_closed');
    applyClaim(db, { id: 'C11', accountId: 7, accountNumber: '287100000001', outageId: 1, policyCode: 'p10', claimedAt: NOW, interactionRef: 'CALL-9', recordedBy: 'bob', creditId: null }, NOW);
    expect(claimStates().find(([id]) => id === 'C10')).toEqual(['C10', 'refused', 'claim_window_closed']);
  });
});
