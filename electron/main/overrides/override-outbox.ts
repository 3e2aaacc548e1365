import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import type { ClaimRegisterPayload, FaultReportRecordPayload } from '@shared/hub/evidence-operations';
import type { DecidePayload, SubmitPayload, WithdrawPayload } from '@shared/hub/operations';

/** One named operation of the hub protocol, as a use case hands it over. */
export type OverrideOperation =
  | { readonly op: 'override.submit'; readonly payload: SubmitPayload }
  | { readonly op: 'override.withdraw'; readonly payload: WithdrawPayload }
  | { readonly op: 'override.decide'; readonly payload: DecidePayload }
  // The customer's evidence (issue 13) travels through the same outbox, in the same order.
  | { readonly op: 'fault_report.record'; readonly payload: FaultReportRecordPayload }
  | { readonly op: 'claim.register'; readonly payload: ClaimRegisterPayload };

/** The local row an operation is about: the request, the report or the claim (the outbox's `request_id`). */
export function operationSubject(operation: OverrideOperation): string {
  if (operation.op === 'fault_report.record') return operation.payload.reportId;
  if (operation.op === 'claim.register') return operation.payload.claimId;
  return operation.payload.requestId;
}

/**
 * Where a desktop that syncs with a hub records each operation. The use case calls it inside
 * its own transaction, after its local effect, so the effect and the operation commit together
 * or not at all. A standalone desktop has none.
 */
export interface OverrideOutbox {
  record(db: Database.Database, actor: Actor, now: Date, operation: OverrideOperation): void;
}
