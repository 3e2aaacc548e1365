import type Database from 'better-sqlite3';
import { MAX_OPERATIONS_PER_PUSH, OperationEnvelope, type OperationAnswer } from '@shared/hub/operations';
import type { HubClient, HubClientError } from './hub-client';
import { applyRequestView } from './apply-changes';
import { closeRefusedSubmission, deleteProvisionalCredit, findLocalRequest, revertRequestToPending } from './cache-repo';
import { readHubDesktop } from './hub-state-repo';
import { undoRefusedEvidence } from './evidence-outbox';
import { findOutbox, listPendingOutbox, markOutboxAccepted, markOutboxRefused, setRequestSyncState, type OutboxRow } from './outbox-repo';

export interface PushReport {
  accepted: number;
  refused: number;
  /** Operations left because another operator filed them (the hub takes the operator from the token). */
  waiting: number;
}

export type PushResult = { ok: true; report: PushReport } | { ok: false; error: HubClientError };

/** Undoes the local effect of a refused operation and marks the request refused with the reason. */
function applyRefusal(db: Database.Database, row: OutboxRow, reason: string, now: string): void {
  if (row.op === 'claim.register' || row.op === 'fault_report.record') {
    undoRefusedEvidence(db, row, now);
    return;
  }
  const payload = JSON.parse(row.payloadJson) as { requestId: string; version?: number };
  const local = findLocalRequest(db, row.requestId);
  if (!local) return;
  if (row.op === 'override.submit') closeRefusedSubmission(db, row.requestId, reason, now);
  else {
    const provisional = row.op === 'override.decide' ? local.creditId : null;
    revertRequestToPending(db, row.requestId, payload.version ?? local.version, reason);
    if (provisional) deleteProvisionalCredit(db, provisional);
  }
  setRequestSyncState(db, row.requestId, 'refused', reason);
}

function applyAnswer(db: Database.Database, answer: OperationAnswer, now: string, report: PushReport): boolean {
  if (answer.status === 'out_of_order') return false;
  const row = findOutbox(db, answer.seq);
  if (!row || row.state !== 'pending') return true;
  if (answer.status === 'accepted') {
    markOutboxAccepted(db, answer.seq, now);
    if (answer.request) applyRequestView(db, answer.request, now);
    // The supervisor's request the hub filed for a credit resting on the report.
    if (answer.evidence?.kind === 'fault_report' && answer.evidence.creditRequest) applyRequestView(db, answer.evidence.creditRequest, now);
    report.accepted += 1;
  } else {
    markOutboxRefused(db, answer.seq, answer.code, answer.reason, now);
    applyRefusal(db, row, answer.reason, now);
    report.refused += 1;
  }
  return true;
}

/**
 * Sends the outbox in seq order under the signed-in operator's token. Accepted and refused are
 * both final: the operation is marked and never sent again; a refusal undoes the local effect.
 * It stops at the first operation another operator filed: seqs go in order, and the hub would
 * take this token's operator for it.
 */
export async function pushOutbox(db: Database.Database, client: HubClient, token: string, username: string, clock: () => Date): Promise<PushResult> {
  const report: PushReport = { accepted: 0, refused: 0, waiting: 0 };
  const desktop = readHubDesktop(db);
  if (!desktop) return { ok: true, report };
  for (;;) {
    const pending = listPendingOutbox(db, desktop.desktopId, MAX_OPERATIONS_PER_PUSH);
    const mine = pending.findIndex((row) => row.operatorUsername !== username);
    const batch = mine === -1 ? pending : pending.slice(0, mine);
    if (batch.length === 0) {
      report.waiting = pending.length;
      return { ok: true, report };
    }
    const operations = batch.map((row) =>
      OperationEnvelope.parse({ desktopId: row.desktopId, seq: row.seq, op: row.op, payload: JSON.parse(row.payloadJson) }),
    );
    const answer = await client.call('push', { operations }, token);
    if (!answer.ok) return { ok: false, error: answer.error };
    const now = clock().toISOString();
    const inOrder = db.transaction(() => answer.value.answers.every((each) => applyAnswer(db, each, now, report))).immediate();
    if (!inOrder || answer.value.answers.length < batch.length) {
      const outOfOrder = answer.value.answers.find((each) => each.status === 'out_of_order');
      return { ok: false, error: { code: 'CONFLICT', details: { reason: 'out_of_order', expectedSeq: outOfOrder?.status === 'out_of_order' ? outOfOrder.expectedSeq : null } } };
    }
  }
}
