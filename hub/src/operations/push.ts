import type pg from 'pg';
import type { OperationAnswer, OperationEnvelope, PushRequest, PushResponse } from '@shared/hub/operations';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { findAccountByNumber, type AccountRow } from '../overrides/account-repo';
import { lockOverride } from '../overrides/override-repo';
import { startOperation } from '../overrides/settings-repo';
import { decideOverrideRequest, withdrawOverrideRequest } from './decide-override';
import type { OperationContext, OperationOutcome } from './operation-context';
import { LogBatch } from '../logs/log-batch';
import { findAnswer, type StoredAnswer } from './operation-repo';
import { expireOverdue } from './override-effects';
import { submitOverride } from './submit-override';
import { recordHubFaultReport } from './record-fault-report';
import { registerHubClaim } from './register-claim';

/**
 * What time has done to the operation's requests, committed whatever the operation's own
 * outcome. A submit's account is read here once, for this and for the use case.
 */
async function expireFirst(context: OperationContext, operation: OperationEnvelope): Promise<AccountRow | null> {
  if (operation.op === 'override.submit') {
    const account = await findAccountByNumber(context.tx, operation.payload.accountNumber);
    if (account) await expireOverdue(context, { accountId: account.id, outageId: operation.payload.outageId });
    return account;
  }
  if (operation.op === 'fault_report.record' || operation.op === 'claim.register') return null;
  if (await lockOverride(context.tx, operation.payload.requestId)) await expireOverdue(context, { requestId: operation.payload.requestId });
  return null;
}

function runUseCase(context: OperationContext, operation: OperationEnvelope, account: AccountRow | null): Promise<OperationOutcome> {
  switch (operation.op) {
    case 'override.submit':
      return submitOverride(context, operation.payload, account);
    case 'override.withdraw':
      return withdrawOverrideRequest(context, operation.payload);
    case 'override.decide':
      return decideOverrideRequest(context, operation.payload);
    case 'fault_report.record':
      return recordHubFaultReport(context, operation.payload);
    case 'claim.register':
      return registerHubClaim(context, operation.payload);
  }
}

/** What a refused operation's audit event names. */
function refusalTarget(operation: OperationEnvelope): string {
  if (operation.op === 'fault_report.record') return `fault_report:${operation.payload.reportId}`;
  if (operation.op === 'claim.register') return `credit_claim:${operation.payload.claimId}`;
  return `override_request:${operation.payload.requestId}`;
}

/** The accepted answer's record: the request (override operations) or the report or claim. */
function acceptedBody(outcome: Extract<OperationOutcome, { ok: true }>) {
  return { ...(outcome.request ? { request: outcome.request } : {}), ...(outcome.evidence ? { evidence: outcome.evidence } : {}) };
}

/**
 * Runs the use case in a savepoint: a refusal undoes the use case's own writes, and only
 * those, with the log entries it had gathered.
 */
async function decide(tx: Tx, context: OperationContext, operation: OperationEnvelope, account: AccountRow | null): Promise<OperationOutcome> {
  const mark = context.logs.mark();
  await tx.query('SAVEPOINT operation');
  const outcome = await runUseCase(context, operation, account);
  await tx.query(outcome.ok ? 'RELEASE SAVEPOINT operation' : 'ROLLBACK TO SAVEPOINT operation');
  if (!outcome.ok) context.logs.rollbackTo(mark);
  return outcome;
}

/**
 * Applies one operation at most once, in one transaction: the desktop's row is locked (one
 * operation of a desktop at a time), the seq must be the next one, and the answer, the
 * effect, the audit event and the change-log entries commit together or not at all.
 */
async function applyOperation(pool: pg.Pool, caller: Caller, operation: OperationEnvelope, now: Date): Promise<Applied> {
  return inTransaction(pool, async (tx): Promise<Applied> => {
    const start = await startOperation(tx, caller.desktopId);
    if (start === null) throw new HubFailure('DESKTOP_UNKNOWN');
    const last = start.lastAppliedSeq;
    if (operation.seq <= last) {
      const stored = await findAnswer(tx, caller.desktopId, operation.seq);
      if (stored) return { answer: { ...stored, replayed: true }, lastAppliedSeq: last };
    }
    if (operation.seq !== last + 1) return { answer: { seq: operation.seq, status: 'out_of_order', expectedSeq: last + 1 }, lastAppliedSeq: last };

    const context: OperationContext = { tx, caller, now, settings: start.settings, siteTimeZone: start.siteTimeZone, logs: new LogBatch() };
    const account = await expireFirst(context, operation);
    const outcome = await decide(tx, context, operation, account);
    if (!outcome.ok) {
      context.logs.audit({
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'operation.refused',
        target: refusalTarget(operation),
        before: null,
        after: { op: operation.op, seq: operation.seq, code: outcome.refusal.code, reason: outcome.refusal.reason, details: outcome.refusal.details },
      });
    }
    // The site-wide section: the desktop's seq, the logs, the answer and the commit in one
    // message, one operation at a time.
    const pending = outcome.ok && !outcome.position.settled ? outcome.position : null;
    const unpositioned = outcome.ok
      ? { seq: operation.seq, status: 'accepted' as const, replayed: false, ...acceptedBody(outcome), ...(pending ? {} : { position: outcome.position.value }) }
      : { seq: operation.seq, status: 'refused' as const, replayed: false, ...outcome.refusal };
    await context.logs.commit(tx, {
      desktopId: caller.desktopId,
      seq: operation.seq,
      op: operation.op,
      operatorId: caller.operator.operatorId,
      status: unpositioned.status,
      appliedAt: now,
      answer: unpositioned,
      positionOf: pending,
    });
    const answer: StoredAnswer = outcome.ok
      ? { seq: operation.seq, status: 'accepted', replayed: false, ...acceptedBody(outcome), position: outcome.position.value }
      : { seq: operation.seq, status: 'refused', replayed: false, ...outcome.refusal };
    return { answer, lastAppliedSeq: operation.seq };
  });
}

/** An operation's answer and the desktop's last applied seq as the operation left it. */
interface Applied {
  readonly answer: OperationAnswer;
  readonly lastAppliedSeq: number;
}

/**
 * Applies a desktop's operations in order, each in its own transaction, and stops at the
 * first out_of_order. Every operation must come from the token's desktop: a push that
 * speaks for another desktop is refused whole.
 */
export async function pushOperations(pool: pg.Pool, caller: Caller, request: PushRequest, now: Date): Promise<PushResponse> {
  if (request.operations.some((operation) => operation.desktopId !== caller.desktopId)) throw new HubFailure('DESKTOP_MISMATCH');
  const answers: OperationAnswer[] = [];
  let lastAppliedSeq = 0;
  for (const operation of request.operations) {
    const applied = await applyOperation(pool, caller, operation, now);
    answers.push(applied.answer);
    // Read under the desktop's row lock, so it is the seq as of this push's last operation.
    lastAppliedSeq = applied.lastAppliedSeq;
    if (applied.answer.status === 'out_of_order') break;
  }
  return { answers, lastAppliedSeq };
}
