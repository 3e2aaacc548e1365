import { z } from 'zod';
import { ClaimInput, CreditClaimView, FaultReportInput, FaultReportView, LocalFaultReportView } from '../domain/fault-report';
import { OutageId } from '../domain/outage';
import { OverrideRequestView, OverrideStatus, overrideRefusals } from '../domain/override';
import { defineChannel } from './define';

/**
 * The customer's own evidence, recorded by an agent on the call: fault reports (the register)
 * and claims of on-request credits. A credit resting only on a report is filed for a
 * supervisor's approval; a claim's credit follows at once where the policy then pays.
 */

export const RecordedFaultReport = z.object({
  report: FaultReportView,
  /** The supervisor's request filed because the credit now rests on this report, if one was. */
  creditRequest: OverrideRequestView.nullable(),
  /** Why no request was filed although the credit rests on the report (an override rule's reason). */
  requestNotFiled: z.enum(overrideRefusals).nullable(),
  /** Credits an on-request policy paid because its claim was registered and this report completed the case. */
  creditIds: z.array(z.string()),
});
export type RecordedFaultReport = z.infer<typeof RecordedFaultReport>;

export const RegisteredClaim = z.object({
  claim: CreditClaimView,
  /** The credits that followed the claim (empty while the case still needs something). */
  creditIds: z.array(z.string()),
});
export type RegisteredClaim = z.infer<typeof RegisteredClaim>;

/** One line of the register as a supervisor reads it: the report, whose it is, and what it led to. */
export const FaultReportRegisterItem = LocalFaultReportView.extend({
  accountNumber: z.string(),
  holderName: z.string(),
  outageTitle: z.string(),
  /** The supervisor's request the report led to, if one was filed. */
  request: z.object({ id: z.string(), status: OverrideStatus, amountMinor: z.int(), currency: z.string() }).nullable(),
});
export type FaultReportRegisterItem = z.infer<typeof FaultReportRegisterItem>;

const filers = ['agent', 'supervisor'] as const;

export const evidenceChannels = {
  faultReportsRecord: defineChannel({ input: FaultReportInput, output: RecordedFaultReport, access: filers, auditRefusals: true }),
  claimsRegister: defineChannel({ input: ClaimInput, output: RegisteredClaim, access: filers, auditRefusals: true }),
  /** The register, newest first: every report agents recorded (optionally of one outage). */
  faultReportsList: defineChannel({
    input: z.strictObject({ outageId: OutageId.optional() }),
    output: z.array(FaultReportRegisterItem),
    access: ['supervisor'],
    auditRefusals: true,
  }),
} as const;
