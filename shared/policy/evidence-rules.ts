import type { Account } from '../domain/account';
import type { CreditClaim, FaultReport } from '../domain/fault-report';
import type { Outage } from '../domain/outage';
import type { ConfirmPath } from './decision';
import { passOrFail, ruleResult, type EvaluatedRule } from './evaluated-rule';
import type { AmountRule, EvidenceKind, Policy } from './policy-schema';

/**
 * The rules about what is known of the case rather than who the customer is: the policy's
 * effective period, the evidence that the account was affected, the customer's fault report
 * and claim. The ones a person can settle (evidence to confirm, a claim to register) are
 * `unknown` with a `confirmBy` fact, so the decision says how to settle them.
 */

const DAY_MS = 86_400_000;

/**
 * Whether the outage covered the account's service region. Region codes are not unique
 * across countries (NH is New Hampshire and Noord-Holland), so the account's country must
 * also be one the policy admits.
 */
export function regionCovers(account: Account, outage: Outage, policy: Policy): boolean {
  if (!outage.regions.includes(account.region)) return false;
  const countries = policy.inclusion.countries;
  return countries === undefined || countries.includes(account.country);
}

/** A pack applies to outages that start inside its effective period (UTC dates). */
export function effectiveRule(outage: Outage, policy: Policy): EvaluatedRule {
  const { from, until } = policy.effective;
  const startsOn = outage.startsAt.slice(0, 10);
  if (from === undefined && until === undefined) return ruleResult('policy_in_effect', 'not_applicable', { startsOn });
  const inside = (from === undefined || startsOn >= from) && (until === undefined || startsOn <= until);
  return ruleResult(
    'policy_in_effect',
    passOrFail(inside),
    { startsOn, effectiveFrom: from ?? null, effectiveUntil: until ?? null },
    { startsOnOrAfter: from ?? null, startsOnOrBefore: until ?? null },
  );
}

/** What is known about the account and the outage, strongest first. */
export interface EvidenceFacts {
  /** A network impact record for one of the account's lines. */
  hasImpact: boolean;
  inRegion: boolean;
  hasCustomerReport: boolean;
}

const strength: Record<EvidenceKind | 'none', number> = {
  impact_record: 3,
  service_region: 2,
  customer_report: 1,
  none: 0,
};

function strongestEvidence(facts: EvidenceFacts): EvidenceKind | 'none' {
  if (facts.hasImpact) return 'impact_record';
  if (facts.inRegion) return 'service_region';
  if (facts.hasCustomerReport) return 'customer_report';
  return 'none';
}

/**
 * Per account: the evidence admits an automatic credit when it is at least as strong as the
 * policy asks. Weaker evidence is never paid silently: when the policy accepts the
 * customer's report, the case needs review (record the report; with a report, a supervisor
 * approves the credit resting on it); otherwise it fails.
 */
export function evidenceRule(facts: EvidenceFacts, policy: Policy): EvaluatedRule {
  const evidence = strongestEvidence(facts);
  const required = policy.evidence.automatic;
  const base = { evidence, requiredEvidence: required, customerReport: facts.hasCustomerReport };
  if (strength[evidence] >= strength[required]) return ruleResult('evidence_sufficient', 'pass', base);
  if (policy.evidence.customerReport === 'not_accepted') {
    return ruleResult('evidence_sufficient', 'fail', base, { evidence: required });
  }
  const confirmBy: ConfirmPath = facts.hasCustomerReport ? 'supervisor_approval' : 'record_fault_report';
  return ruleResult('evidence_sufficient', 'unknown', { ...base, confirmBy }, { evidence: required });
}

/** The account's earliest fault report for the outage: the law's days run from it. */
export function firstFaultReport(reports: readonly FaultReport[], accountId: number, outageId: number): FaultReport | null {
  let first: FaultReport | null = null;
  for (const report of reports) {
    if (report.accountId !== accountId || report.outageId !== outageId) continue;
    if (first === null || report.reportedAt < first.reportedAt) first = report;
  }
  return first;
}

/** For an amount counted from the customer's fault report: there must be one. */
export function faultReportRule(report: FaultReport | null, amount: AmountRule): EvaluatedRule {
  if (amount.durationBasis !== 'fault_report') {
    return ruleResult('fault_report_recorded', 'not_applicable', { reportedAt: report?.reportedAt ?? null });
  }
  if (report !== null) return ruleResult('fault_report_recorded', 'pass', { reportedAt: report.reportedAt });
  return ruleResult('fault_report_recorded', 'unknown', { reportedAt: null, confirmBy: 'record_fault_report' }, { faultReport: true });
}

/**
 * The last day a claim is accepted: `claimWindowDays` after the day the outage ended. Null
 * without a window, and while the outage goes on (the window has not started).
 */
export function claimWindowEndsOn(outage: Outage, policy: Policy): string | null {
  const days = policy.delivery.claimWindowDays;
  if (policy.delivery.mode !== 'on_request' || days === undefined || outage.endsAt === null) return null;
  const endDay = Math.floor(Date.parse(outage.endsAt) / DAY_MS) * DAY_MS;
  return new Date(endDay + days * DAY_MS).toISOString().slice(0, 10);
}

export function claimFor(claims: readonly CreditClaim[], accountId: number, outageId: number, policyCode: string): CreditClaim | null {
  let first: CreditClaim | null = null;
  for (const claim of claims) {
    if (claim.accountId !== accountId || claim.outageId !== outageId || claim.policyCode !== policyCode) continue;
    if (first === null || claim.claimedAt < first.claimedAt) first = claim;
  }
  return first;
}

/**
 * On request, the customer claims: the agent registers the claim on the call, and the credit
 * follows. A claim is accepted up to the end of the claim window; with no claim, the window
 * still open is something the agent can settle at once (`register_claim`).
 */
export function claimRules(claim: CreditClaim | null, outage: Outage, policy: Policy, asOf: string): EvaluatedRule[] {
  if (policy.delivery.mode !== 'on_request') {
    return [
      ruleResult('claim_registered', 'not_applicable', { claimedAt: null }),
      ruleResult('claim_window_open', 'not_applicable', { windowEndsOn: null }),
    ];
  }
  const windowEndsOn = claimWindowEndsOn(outage, policy);
  const registered =
    claim !== null
      ? ruleResult('claim_registered', 'pass', { claimedAt: claim.claimedAt })
      : ruleResult('claim_registered', 'unknown', { claimedAt: null, confirmBy: 'register_claim' }, { claim: true });
  if (policy.delivery.claimWindowDays === undefined) {
    return [registered, ruleResult('claim_window_open', 'not_applicable', { windowEndsOn: null })];
  }
  // Ongoing: the window opens when the outage ends.
  const day = (claim?.claimedAt ?? asOf).slice(0, 10);
  const open = windowEndsOn === null || day <= windowEndsOn;
  return [
    registered,
    ruleResult(
      'claim_window_open',
      passOrFail(open),
      { windowEndsOn, claimWindowDays: policy.delivery.claimWindowDays, claimedOn: claim?.claimedAt.slice(0, 10) ?? null, asOfDay: day },
      { claimOnOrBefore: windowEndsOn },
    ),
  ];
}


