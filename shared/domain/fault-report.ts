import { z } from 'zod';
import { OutageId, UtcInstant } from './outage';

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
