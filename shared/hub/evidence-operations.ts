import { z } from 'zod';
import { UtcInstant } from '../domain/outage';
import { OverrideRequestView, overrideRefusals } from '../domain/override';
import { ClaimInput, CreditClaimView, FaultReportInput, FaultReportView, type EvidenceRefusal } from '../domain/fault-report';

/**
 * Issue 13: where the hub is configured, the customer's own evidence is the hub's. A desktop
 * records a fault report or registers a claim locally and, in the same local transaction,
 * files the named operation; the hub applies it once per (desktop, seq), re-checking it with
 * the same pure rules, and every desktop gets the report, the claim and the credit that
 * followed as changes (`fault_report`, `credit_claim`, `credit`).
 */

/** Local ids are the desktop's time-ordered ids (ULID-like, 26 characters); the hub keeps them. */
export const EvidenceId = z.string().regex(/^[0-9A-Za-z]{10,64}$/);

/**
 * When the desktop recorded it (its clock): the customer's report reached the carrier then,
 * and a claim made on the call is in time if the call was, however long the desktop was
 * offline. The hub takes the earlier of this and its own clock (never a time in its future).
 */
const recordedAt = UtcInstant;

/** The desktop's input plus the id its local report has. */
export const FaultReportRecordPayload = FaultReportInput.extend({ reportId: EvidenceId, recordedAt });
export type FaultReportRecordPayload = z.infer<typeof FaultReportRecordPayload>;

/**
 * The desktop's input plus the id of its local claim, and the credits the desktop wrote
 * because of it (id and idempotency key): the hub writes the credit a claim pays under the
 * same key, and under the desktop's id when the desktop wrote that key, so the credit that
 * comes back replaces the local one instead of standing beside it.
 */
export const ClaimRegisterPayload = ClaimInput.extend({
  claimId: EvidenceId,
  recordedAt,
  credits: z.array(z.strictObject({ id: EvidenceId, idempotencyKey: z.string().min(1).max(300) })).max(100),
});
export type ClaimRegisterPayload = z.infer<typeof ClaimRegisterPayload>;

/** What an accepted evidence operation answers: the hub's record of it. */
export const EvidenceResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fault_report'),
    report: FaultReportView,
    /** The supervisor's request the hub filed because a credit now rests on the report, if it did. */
    creditRequest: OverrideRequestView.nullable().optional(),
    /** Why no request was filed although a credit rests on the report (an override rule's reason). */
    requestNotFiled: z.enum(overrideRefusals).nullable().optional(),
  }),
  z.object({ kind: z.literal('credit_claim'), claim: CreditClaimView, creditIds: z.array(z.string()) }),
]);
export type EvidenceResult = z.infer<typeof EvidenceResult>;

/** The evidence rules' reasons that the override rules do not already have. */
export const evidenceOnlyRefusals = [
  'line_not_on_account',
  'ends_before_it_starts',
  'in_the_future',
  'before_the_outage',
  'not_on_request',
  'claim_window_closed',
  'claim_not_eligible',
  'not_with_hub',
] as const satisfies readonly EvidenceRefusal[];

/** A report as the change log carries it: with the account's number (desktops key accounts by it) and the draft id. */
export const FaultReportChange = FaultReportView.extend({ accountNumber: z.string(), clientRequestId: z.string() });
export type FaultReportChange = z.infer<typeof FaultReportChange>;

/** A claim as the change log carries it. */
export const CreditClaimChange = CreditClaimView.extend({ accountNumber: z.string() });
export type CreditClaimChange = z.infer<typeof CreditClaimChange>;
