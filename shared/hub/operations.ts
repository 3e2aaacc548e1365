import { z } from 'zod';
import { DECISION_NOTE_MAX_LENGTH, InKindOverrideInput, MoneyOverrideInput, OverrideRequestView, overrideRefusals } from '../domain/override';
import { DesktopId } from './auth';
import { ClaimRegisterPayload, EvidenceResult, evidenceOnlyRefusals, FaultReportRecordPayload } from './evidence-operations';

/** Override request ids are ULIDs chosen where the request is first filed (often a desktop). */
export const OverrideRequestId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export const operationNames = ['override.submit', 'override.withdraw', 'override.decide', 'fault_report.record', 'claim.register'] as const;
export const OperationName = z.enum(operationNames);
export type OperationName = z.infer<typeof OperationName>;

/** Filed on a desktop, possibly offline; the desktop's local request keeps this id. */
export const SubmitPayload = z.discriminatedUnion('kind', [
  MoneyOverrideInput.extend({ requestId: OverrideRequestId }),
  InKindOverrideInput.extend({ requestId: OverrideRequestId }),
]);
export type SubmitPayload = z.infer<typeof SubmitPayload>;

export const WithdrawPayload = z.strictObject({ requestId: OverrideRequestId, version: z.int().positive() });
export type WithdrawPayload = z.infer<typeof WithdrawPayload>;

export const DecidePayload = z.strictObject({
  requestId: OverrideRequestId,
  version: z.int().positive(),
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().min(1).max(DECISION_NOTE_MAX_LENGTH),
});
export type DecidePayload = z.infer<typeof DecidePayload>;

/** Per desktop, 1, 2, 3, ... never reused (continue above `lastAppliedSeq` after a restore). */
export const OperationSeq = z.int().positive().max(Number.MAX_SAFE_INTEGER);

const envelope = { desktopId: DesktopId, seq: OperationSeq };

/**
 * One named operation from a desktop's outbox. There is no operator field on purpose: the
 * hub takes the operator from the session token, never from what the desktop says.
 */
export const OperationEnvelope = z.discriminatedUnion('op', [
  z.strictObject({ ...envelope, op: z.literal('override.submit'), payload: SubmitPayload }),
  z.strictObject({ ...envelope, op: z.literal('override.withdraw'), payload: WithdrawPayload }),
  z.strictObject({ ...envelope, op: z.literal('override.decide'), payload: DecidePayload }),
  z.strictObject({ ...envelope, op: z.literal('fault_report.record'), payload: FaultReportRecordPayload }),
  z.strictObject({ ...envelope, op: z.literal('claim.register'), payload: ClaimRegisterPayload }),
]);
export type OperationEnvelope = z.infer<typeof OperationEnvelope>;

export const MAX_OPERATIONS_PER_PUSH = 100;

/** Operations in ascending seq order, all from the token's desktop. */
export const PushRequest = z.strictObject({
  operations: z.array(OperationEnvelope).min(1).max(MAX_OPERATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Why the hub refused an operation: the override rules' reasons, the evidence rules' and the hub's own. */
export const operationRefusalReasons = [...overrideRefusals, ...evidenceOnlyRefusals, 'desktop_mismatch'] as const;
export const OperationRefusalReason = z.enum(operationRefusalReasons);
export type OperationRefusalReason = z.infer<typeof OperationRefusalReason>;

const Details = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * The answer to one operation. `accepted` and `refused` are final and stored: sending the
 * same (desktopId, seq) again returns the stored answer with `replayed: true` and applies
 * nothing. `out_of_order` is not stored: the seq was not the next one expected, nothing was
 * used up, and the desktop resends from `expectedSeq`. Operations after an out_of_order in the
 * same push are not looked at and get no answer.
 */
export const OperationAnswer = z.discriminatedUnion('status', [
  z.object({
    seq: OperationSeq,
    status: z.literal('accepted'),
    replayed: z.boolean(),
    /** The request as the hub holds it after the operation (override operations). */
    request: OverrideRequestView.optional(),
    /** The report or claim as the hub holds it after the operation (evidence operations). */
    evidence: EvidenceResult.optional(),
    /** The change-log position of the operation's effect. */
    position: z.int().positive(),
  }),
  z.object({
    seq: OperationSeq,
    status: z.literal('refused'),
    replayed: z.boolean(),
    /** Coarse class, as the desktop's own IPC errors: CONFLICT, NOT_FOUND, FORBIDDEN_ROLE, INVALID_INPUT. */
    code: z.enum(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN_ROLE', 'INVALID_INPUT']),
    reason: OperationRefusalReason,
    details: Details,
  }),
  z.object({ seq: OperationSeq, status: z.literal('out_of_order'), expectedSeq: OperationSeq }),
]);
export type OperationAnswer = z.infer<typeof OperationAnswer>;

export const PushResponse = z.object({
  answers: z.array(OperationAnswer),
  lastAppliedSeq: z.int().min(0),
});
export type PushResponse = z.infer<typeof PushResponse>;
