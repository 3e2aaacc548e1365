import type { Account, Line } from '../../domain/account';
import type { Credit } from '../../domain/credit';
import type { CreditClaim, FaultReport } from '../../domain/fault-report';
import type { Impact, Outage } from '../../domain/outage';
import type { DecisionStatus, ReviewReason, RevisionAdjustment, RuleCode } from '../decision';
import type { EligibilityInput } from '../evaluate';
import { Policy, type PolicyInput } from '../policy-schema';

/**
 * A pack's worked example, as data: each field given replaces the same field of the
 * baseline below (a consumer postpaid AT&T account in Texas with one voice line and
 * the outage of 22 February 2024), so an example shows only what makes it what it is.
 */
export interface WorkedExample {
  name: string;
  account?: Partial<Account>;
  lines?: Line[];
  outage?: Partial<Outage>;
  impacts?: Impact[];
  existingCredits?: Credit[];
  faultReports?: FaultReport[];
  claims?: CreditClaim[];
  asOf?: string;
  expect: {
    /** Why it needs review and how each reason is confirmed. */
    review?: ReviewReason[];
    /** What confirming the review would credit. */
    pendingAmountMinor?: number;
    adjustments?: RevisionAdjustment[];
    legalBasis?: 'carrier' | 'statute';
    status: DecisionStatus;
    amountMinor: number;
    /** Rule codes that fail, account and lines together, in order. */
    failedRules?: RuleCode[];
    perLine?: { lineId: number; status: DecisionStatus; amountMinor: number }[];
    predictedPosting?: { earliest: string; latest: string };
  };
}

export const baselineAccount: Account = {
  id: 1001,
  accountNumber: '100000001',
  holderName: 'Dana Reyes',
  email: 'dana.reyes@example.com',
  contactPhoneE164: '+12145550100',
  brand: 'att',
  segment: 'consumer',
  paymentType: 'postpaid',
  status: 'active',
  postalCode: '75201',
  region: 'TX',
  currency: 'USD',
  billCycleDay: 15,
  monthlyChargeMinor: 9000,
  country: 'US',
  preferredLanguage: 'en',
};

export const baselineLine: Line = {
  id: 2001,
  numberE164: '+12145550101',
  serviceType: 'wireless_voice',
  monthlyRateMinor: 6500,
  status: 'active',
};

/** 02:45 CST to 14:10 CT on 22 February 2024, in UTC. */
export const baselineOutage: Outage = {
  id: 301,
  title: 'Nationwide wireless outage',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  cause: 'network_change',
  servicesAffected: ['wireless_voice', 'wireless_data'],
  towersAffected: 2000,
  subscribersAffected: 125_000_000,
  regions: ['TX', 'NY', 'CA'],
};

export const baselineAsOf = '2024-02-23T12:00:00.000Z';

export function exampleInput(example: WorkedExample, policy: PolicyInput): EligibilityInput {
  return {
    account: { ...baselineAccount, ...example.account },
    lines: example.lines ?? [baselineLine],
    outage: { ...baselineOutage, ...example.outage },
    impacts: example.impacts ?? [],
    policy: Policy.parse(policy),
    existingCredits: example.existingCredits ?? [],
    faultReports: example.faultReports ?? [],
    claims: example.claims ?? [],
    asOf: example.asOf ?? baselineAsOf,
  };
}

/** A credit already given, for examples about revisions and repeats. */
export function givenCredit(fields: Pick<Credit, 'id' | 'accountId' | 'outageId' | 'policyCode' | 'amountMinor' | 'idempotencyKey'> & Partial<Credit>): Credit {
  return {
    lineId: null,
    policyVersion: 1,
    currency: 'USD',
    source: 'automatic',
    status: 'scheduled',
    scheduledOn: '2024-03-01',
    billDate: '2024-03-15',
    ...fields,
  };
}

/** The baseline impact of the baseline line on the baseline outage. */
export const baselineImpact: Impact = {
  lineId: 2001,
  outageId: 301,
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  lostMinutes: 685,
  connectedAtStart: true,
};
