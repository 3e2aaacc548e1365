import { z } from 'zod';
import { AccountNumber, Currency, Line } from '../domain/account';
import { CreditSource, CreditStatus, IsoDate, PolicyCode } from '../domain/credit';
import { OutageCause, OutageId } from '../domain/outage';
import { Decision } from '../policy/decision';
import { LocalCreditClaimView, LocalFaultReportView } from '../domain/fault-report';
import { defineChannel, staff } from './define';

export const PolicySummary = z.object({ code: PolicyCode, version: z.int().positive(), name: z.string() });
export type PolicySummary = z.infer<typeof PolicySummary>;

/** How the outage came to this account: an impact on one of its lines, or its region. */
export const touchReasons = ['impact', 'region'] as const;

export const OutageSummary = z.object({
  id: OutageId,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  cause: OutageCause,
  regions: z.array(z.string()),
  touchedBy: z.enum(touchReasons),
  impactedLineIds: z.array(z.int()),
});
export type OutageSummary = z.infer<typeof OutageSummary>;

/** One outage under one policy; `policy` and `decision` are null when no policy is attached. */
export const OutageDecision = z.object({
  outage: OutageSummary,
  policy: PolicySummary.nullable(),
  decision: Decision.nullable(),
});
export type OutageDecision = z.infer<typeof OutageDecision>;

export const CreditEntry = z.object({
  id: z.string(),
  amountMinor: z.int(),
  currency: Currency,
  policyCode: PolicyCode,
  policyVersion: z.int().positive(),
  outageId: OutageId,
  outageTitle: z.string(),
  lineId: z.int().nullable(),
  source: CreditSource,
  status: CreditStatus,
  scheduledOn: IsoDate.nullable(),
  billDate: IsoDate.nullable(),
  createdAt: z.string(),
  /** Set on a credit that pays (or takes back) the difference after the outage was revised. */
  adjustment: z.object({ reason: z.literal('outage_revised'), outageRevision: z.int().positive() }).nullable(),
});
export type CreditEntry = z.infer<typeof CreditEntry>;

export const AccountDecisions = z.object({
  accountNumber: AccountNumber,
  /** The instant the decisions were evaluated at (main's clock). */
  asOf: z.string(),
  lines: z.array(Line),
  decisions: z.array(OutageDecision),
  /** Newest first. */
  credits: z.array(CreditEntry),
  /** The customer's fault reports recorded for this account, oldest first. */
  faultReports: z.array(LocalFaultReportView),
  /** The claims of on-request credits registered for this account, oldest first. */
  claims: z.array(LocalCreditClaimView),
});
export type AccountDecisions = z.infer<typeof AccountDecisions>;

export const decisionChannels = {
  decisionsForAccount: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: AccountDecisions,
    access: staff,
    auditRefusals: false,
  }),
} as const;
