import { z } from 'zod';
import { AccountNumber, Currency } from '../domain/account';
import { OutageId } from '../domain/outage';
import {
  DECISION_NOTE_MAX_LENGTH,
  OVERRIDE_HARD_CEILING_MINOR,
  OverrideInput,
  OverrideKind,
  OverrideRequestView,
  OverrideSettings,
  OverrideStatus,
} from '../domain/override';
import { defineChannel } from './define';

/** Schemas and channels of issue 4: override requests, their approval, limits and the audit log. */

const RequestId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export const OverrideOutageOption = z.object({
  outageId: OutageId,
  title: z.string(),
  startsAt: z.string(),
  currency: Currency,
  /** Credits for this account and outage that are not reversed. */
  liveCreditMinor: z.int(),
  liveCreditCount: z.int(),
  openRequestId: z.string().nullable(),
  /** The kinds a request could be filed as now. */
  allowedKinds: z.array(OverrideKind),
});
export type OverrideOutageOption = z.infer<typeof OverrideOutageOption>;

export const OverrideDecisionContext = z.object({
  policyCode: z.string().nullable(),
  status: z.string().nullable(),
  amountMinor: z.int(),
  currency: Currency,
  failedRules: z.array(z.string()),
  liveCreditMinor: z.int(),
});
export type OverrideDecisionContext = z.infer<typeof OverrideDecisionContext>;

export const OverrideQueueItem = z.object({
  request: OverrideRequestView,
  decision: OverrideDecisionContext,
  agentHistory: z.array(
    z.object({ id: z.string(), status: OverrideStatus, amountMinor: z.int(), currency: Currency, createdAt: z.string() }),
  ),
  agentApprovedTodayMinor: z.int(),
});
export type OverrideQueueItem = z.infer<typeof OverrideQueueItem>;

export const AuditEventView = z.object({
  seq: z.int(),
  id: z.string(),
  at: z.string(),
  operator: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditChainView = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.int() }),
  z.object({
    ok: z.literal(false),
    count: z.int(),
    brokenAtSeq: z.int(),
    reason: z.enum(['hash_mismatch', 'prev_hash_mismatch']),
  }),
]);
export type AuditChainView = z.infer<typeof AuditChainView>;

const Amount = z.int().min(0).max(OVERRIDE_HARD_CEILING_MINOR);
const filers = ['agent', 'supervisor'] as const;
const deciders = ['supervisor'] as const;
const overseers = ['supervisor', 'admin'] as const;

export const overrideChannels = {
  overridesOptions: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: z.array(OverrideOutageOption),
    access: filers,
  }),
  overridesSubmit: defineChannel({ input: OverrideInput, output: OverrideRequestView, access: filers }),
  overridesMine: defineChannel({ input: z.strictObject({}), output: z.array(OverrideRequestView), access: filers }),
  overridesWithdraw: defineChannel({
    input: z.strictObject({ requestId: RequestId, version: z.int().positive() }),
    output: OverrideRequestView,
    access: filers,
  }),
  overridesQueue: defineChannel({
    input: z.strictObject({
      status: OverrideStatus.optional(),
      agent: z.string().min(1).max(64).optional(),
      outageId: OutageId.optional(),
      minAmountMinor: Amount.optional(),
      maxAmountMinor: Amount.optional(),
    }),
    output: z.array(OverrideQueueItem),
    access: deciders,
  }),
  overridesDecide: defineChannel({
    input: z.strictObject({
      requestId: RequestId,
      version: z.int().positive(),
      decision: z.enum(['approve', 'reject']),
      note: z.string().trim().min(1).max(DECISION_NOTE_MAX_LENGTH),
    }),
    output: OverrideRequestView,
    access: deciders,
  }),
  overridesSettingsGet: defineChannel({ input: z.strictObject({}), output: OverrideSettings, access: ['agent', 'supervisor', 'admin'] }),
  overridesSettingsSet: defineChannel({ input: OverrideSettings, output: OverrideSettings, access: ['admin'] }),
  auditList: defineChannel({
    input: z.strictObject({
      action: z.string().min(1).max(64).optional(),
      operator: z.string().min(1).max(64).optional(),
      target: z.string().min(1).max(120).optional(),
      beforeSeq: z.int().positive().optional(),
      limit: z.int().min(1).max(500).optional(),
    }),
    output: z.array(AuditEventView),
    access: overseers,
  }),
  auditVerify: defineChannel({ input: z.strictObject({}), output: AuditChainView, access: overseers }),
} as const;
