import { z } from 'zod';
import { AccountNumber } from './account';
import { OutageId, UtcInstant } from './outage';
import { InteractionRef } from './override';

/**
 * What a customer told an agent about their service during an outage. It is evidence for a
 * policy (per the policy's `evidence` rules), visible to supervisors, and the start of the
 * German TKG rule, whose days run from the report.
 */
export const faultKinds = ['calls', 'texts', 'data', 'internet', 'fixed_voice'] as const;
export const FaultKind = z.enum(faultKinds);
export type FaultKind = z.infer<typeof FaultKind>;

export const FaultReport = z.object({
  id: z.string().min(1).max(64),
  accountId: z.int().positive(),
  /** The line that failed; null when the customer reports the whole account. */
  lineId: z.int().positive().nullable(),
  outageId: OutageId,
  /** When the customer says the service failed, and came back (null: still failing). */
  fromAt: UtcInstant,
  toAt: UtcInstant.nullable(),
  failed: z.array(FaultKind).min(1),
  /** When the report reached the carrier (main's clock when the agent recorded it). */
  reportedAt: UtcInstant,
});
export type FaultReport = z.infer<typeof FaultReport>;

/** A customer's claim of an on-request credit, registered by an agent on the call. */
export const CreditClaim = z.object({
  id: z.string().min(1).max(64),
  accountId: z.int().positive(),
  outageId: OutageId,
  policyCode: z.string().min(1),
  claimedAt: UtcInstant,
});
export type CreditClaim = z.infer<typeof CreditClaim>;

export const FAULT_NOTE_MIN_LENGTH = 20;
export const FAULT_NOTE_MAX_LENGTH = 1_000;

/** What an agent records on the call. The operator and the report's time are main's. */
export const FaultReportInput = z.strictObject({
  /** Chosen by the form once per draft: a double submit records one report. */
  clientRequestId: z.uuid(),
  accountNumber: AccountNumber,
  outageId: OutageId,
  lineId: z.int().positive().nullable(),
  fromAt: UtcInstant,
  toAt: UtcInstant.nullable(),
  failed: z.array(FaultKind).min(1).max(faultKinds.length),
  /** What the customer says, in the agent's words: the supervisor reads it. */
  note: z.string().trim().min(FAULT_NOTE_MIN_LENGTH).max(FAULT_NOTE_MAX_LENGTH),
  interactionRef: InteractionRef,
});
export type FaultReportInput = z.infer<typeof FaultReportInput>;

/** A recorded report as agents and supervisors see it. */
export const FaultReportView = FaultReport.extend({
  note: z.string(),
  interactionRef: z.string(),
  recordedBy: z.string(),
});
export type FaultReportView = z.infer<typeof FaultReportView>;

export const ClaimInput = z.strictObject({
  accountNumber: AccountNumber,
  outageId: OutageId,
  policyCode: z.string().min(1).max(100),
  interactionRef: InteractionRef,
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const CreditClaimView = CreditClaim.extend({ interactionRef: z.string(), recordedBy: z.string(), creditId: z.string().nullable() });
export type CreditClaimView = z.infer<typeof CreditClaimView>;

/**
 * Only on a desktop that syncs with a hub. For a report or claim this desktop sent (it has an
 * outbox row): pending_sync while the operation waits in the outbox, synced once the hub
 * accepted it, refused with the hub's coded reason (an `OperationRefusalReason`) when it said
 * no. A row the hub sent down (another desktop's) is synced. A standalone desktop's rows, and
 * rows recorded before the desktop joined a hub (never sent), have none.
 */
export const EvidenceSyncState = z.enum(['pending_sync', 'synced', 'refused']);
export type EvidenceSyncState = z.infer<typeof EvidenceSyncState>;

/**
 * Whether a report or a claim is evidence for a decision. One the hub refused stays on record
 * as the customer's word (with the hub's reason) but counts for nothing: no decision rests on
 * it, and a refused claim does not stand in the way of registering the case again. One waiting
 * in the outbox counts (it was recorded under the same rules the hub re-checks). The hub keeps
 * no refused evidence, so only a desktop has something to leave out.
 */
export function countsAsEvidence(item: { readonly syncState?: EvidenceSyncState | null }): boolean {
  return item.syncState !== 'refused';
}
const evidenceSync = { syncState: EvidenceSyncState.optional(), syncRefusal: z.string().nullable().optional() };

/** A report as the desktop's screens read it: the view plus where it stands with the hub. */
export const LocalFaultReportView = FaultReportView.extend(evidenceSync);
export type LocalFaultReportView = z.infer<typeof LocalFaultReportView>;

/** A claim as the desktop's screens read it: the view plus where it stands with the hub. */
export const LocalCreditClaimView = CreditClaimView.extend(evidenceSync);
export type LocalCreditClaimView = z.infer<typeof LocalCreditClaimView>;

/** Why a report or a claim was not recorded; they travel in `error.details.reason`. */
export const evidenceRefusals = [
  'not_found',
  'line_not_on_account',
  'ends_before_it_starts',
  'in_the_future',
  'before_the_outage',
  'client_request_reused',
  'not_on_request',
  'claim_window_closed',
  'claim_not_eligible',
  'not_with_hub',
] as const;
export type EvidenceRefusal = (typeof evidenceRefusals)[number];

export interface FaultReportFacts {
  account: { id: number } | null;
  outage: { id: number; startsAt: string } | null;
  /** The account's line ids. */
  lineIds: readonly number[];
  /** Main's clock (UTC ISO). */
  now: string;
}

/**
 * Whether a report can be recorded as told: the account, the outage and the line exist and
 * belong together, the times are in order, not in the future, and not before the outage
 * began (a failure before the outage is a different fault). Null: record it.
 */
export function checkFaultReport(input: Pick<FaultReportInput, 'lineId' | 'fromAt' | 'toAt'>, facts: FaultReportFacts): EvidenceRefusal | null {
  if (!facts.account || !facts.outage) return 'not_found';
  if (input.lineId !== null && !facts.lineIds.includes(input.lineId)) return 'line_not_on_account';
  const from = Date.parse(input.fromAt);
  const now = Date.parse(facts.now);
  if (input.toAt !== null && Date.parse(input.toAt) < from) return 'ends_before_it_starts';
  if (from > now || (input.toAt !== null && Date.parse(input.toAt) > now)) return 'in_the_future';
  if (from < Date.parse(facts.outage.startsAt)) return 'before_the_outage';
  return null;
}

/** The fields that make two recordings the same report (a retry of one draft). */
export function isSameReport(a: FaultReportInput, b: FaultReportInput): boolean {
  return (
    a.accountNumber === b.accountNumber &&
    a.outageId === b.outageId &&
    a.lineId === b.lineId &&
    a.fromAt === b.fromAt &&
    a.toAt === b.toAt &&
    a.note === b.note &&
    a.interactionRef === b.interactionRef &&
    [...a.failed].sort().join(',') === [...b.failed].sort().join(',')
  );
}
