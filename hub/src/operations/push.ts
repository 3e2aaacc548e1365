import type pg from 'pg';
import type { OperationAnswer, OperationEnvelope, PushRequest, PushResponse } from '@shared/hub/operations';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { findDesktop, lockDesktopSeq, setLastAppliedSeq } from '../desktops/desktop-repo';
import { findAccountByNumber } from '../overrides/account-repo';
import { lockOverride } from '../overrides/override-repo';
import { readOverrideSettings, readSiteTimeZone } from '../overrides/settings-repo';
import { decideOverrideRequest, withdrawOverrideRequest } from './decide-override';
import type { OperationContext, OperationOutcome } from './operation-context';
import { LogBatch } from '../logs/log-batch';
import { findAnswer, type StoredAnswer } from './operation-repo';
import { expireOverdue } from './override-effects';
import { submitOverride } from './submit-override';

/** What time has done to the operation's requests, committed whatever the operation's own outcome. */
async function expireFirst(context: OperationContext, operation: OperationEnvelope): Promise<void> {
  if (operation.op === 'override.submit') {
    const account = await findAccountByNumber(context.tx, operation.payload.accountNumber);
    if (account) await expireOverdue(context, { accountId: account.id, outageId: operation.payload.outageId });
    return;
  }
  if (await lockOverride(context.tx, operation.payload.requestId)) await expireOverdue(context, { requestId: operation.payload.requestId });
}

function runUseCase(context: OperationContext, operation: OperationEnvelope): Promise<OperationOutcome> {
  switch (operation.op) {
    case 'override.submit':
      return submitOverride(context, operation.payload);
    case 'override.withdraw':
      return withdrawOverrideRequest(context, operation.payload);
    case 'override.decide':
      return decideOverrideRequest(context, operation.payload);
  }
}

/**
 * Runs the use case in a savepoint: a refusal undoes the use case's own writes, and only
 * those, with the log entries it had gathered.
 */
async function decide(tx: Tx, context: OperationContext, operation: OperationEnvelope): Promise<OperationOutcome> {
  const mark = context.logs.mark();
  await tx.query('SAVEPOINT operation');
  const outcome = await runUseCase(context, operation);
  await tx.query(outcome.ok ? 'RELEASE SAVEPOINT operation' : 'ROLLBACK TO SAVEPOINT operation');
  if (!outcome.ok) context.logs.rollbackTo(mark);
  return outcome;
}

/**
 * Applies one operation at most once, in one transaction: the desktop's row is locked (one
 * operation of a desktop at a time), the seq must be the next one, and the answer, the
 * effect, the audit event and the change-log entries commit together or not at all.
 */
async function applyOperation(pool: pg.Pool, caller: Caller, operation: OperationEnvelope, now: Date): Promise<OperationAnswer> {
  return inTransaction(pool, async (tx) => {
    const last = await lockDesktopSeq(tx, caller.desktopId);
    if (last === null) throw new HubFailure('DESKTOP_UNKNOWN');
    if (operation.seq <= last) {
      const stored = await findAnswer(tx, caller.desktopId, operation.seq);
      if (stored) return { ...stored, replayed: true };
    }
    if (operation.seq !== last + 1) return { seq: operation.seq, status: 'out_of_order', expectedSeq: last + 1 };

    const context: OperationContext = { tx, caller, now, settings: await readOverrideSettings(tx), siteTimeZone: await readSiteTimeZone(tx), logs: new LogBatch() };
    await expireFirst(context, operation);
    const outcome = await decide(tx, context, operation);
    if (!outcome.ok) {
      context.logs.audit({
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'operation.refused',
        target: 'requestId' in operation.payload ? `override_request:${operation.payload.requestId}` : `operation:${operation.seq}`,
        before: null,
        after: { op: operation.op, seq: operation.seq, code: outcome.refusal.code, reason: outcome.refusal.reason, details: outcome.refusal.details },
      });
    }
    await setLastAppliedSeq(tx, caller.desktopId, operation.seq);
    // The site-wide section: the logs, the answer and the commit in one message, one operation at a time.
    const pending = outcome.ok && !outcome.position.settled ? outcome.position : null;
    const unpositioned = outcome.ok
      ? { seq: operation.seq, status: 'accepted' as const, replayed: false, request: outcome.request, ...(pending ? {} : { position: outcome.position.value }) }
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
      ? { seq: operation.seq, status: 'accepted', replayed: false, request: outcome.request, position: outcome.position.value }
      : { seq: operation.seq, status: 'refused', replayed: false, ...outcome.refusal };
    return answer;
  });
}

/**
 * Applies a desktop's operations in order, each in its own transaction, and stops at the
 * first out_of_order. Every operation must come from the token's desktop: a push that
 * speaks for another desktop is refused whole.
 */
export async function pushOperations(pool: pg.Pool, caller: Caller, request: PushRequest, now: Date): Promise<PushResponse> {
  if (request.operations.some((operation) => operation.desktopId !== caller.desktopId)) throw new HubFailure('DESKTOP_MISMATCH');
  const answers: OperationAnswer[] = [];
  for (const operation of request.operations) {
    const answer = await applyOperation(pool, caller, operation, now);
    answers.push(answer);
    if (answer.status === 'out_of_order') break;
  }
  const desktop = await findDesktop(pool, caller.desktopId);
  return { answers, lastAppliedSeq: desktop?.lastAppliedSeq ?? 0 };
}
