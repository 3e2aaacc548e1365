import type { Account, Line } from '../domain/account';
import { predictPosting } from '../domain/bill-date';
import { idempotencyKey } from '../domain/credit';
import type { Impact, Outage } from '../domain/outage';
import { accountServiceTypeRule, inclusionRules, outageDurationOf, outageRules } from './account-rules';
import { computeAmount } from './compute-amount';
import { amountContextOf, caseRules } from './evaluate';
import { combineGates, gateOf, statusOf, type RuleGate } from './evaluated-rule';
import { hasLineRequirements, impactForLine, lineRules } from './line-rules';
import type { DecisionStatus } from './decision';
import type { AmountRule, Policy } from './policy-schema';
import { strongerStatus } from './run-outcomes';
import { adjustmentKey, revisionDelta, type CreditFamily } from './revision-adjustment';

/** A credit the engine would write for a subject (the account, or one line). */
export interface AutomaticCredit {
  lineId: number | null;
  idempotencyKey: string;
  /** The subject's first credit; or, after a revision, the difference (negative only with clawback). */
  kind: 'initial' | 'adjustment';
  amountMinor: number;
  /** The earliest predicted bill date (scheduled on the evaluation date, or the outage's end if later). */
  billDate: string;
}

export interface AutomaticCreditInput {
  account: Account;
  lines: readonly Line[];
  impacts: readonly Impact[];
  /** Whether the outage has an impact record on any of the account's lines (the evidence rule reads it). */
  hasImpact: boolean;
  /** The credits (live or reversed) already in the family of a subject's key; see revision-adjustment.ts. */
  family: (baseKey: string) => CreditFamily;
}

/** The credits to write, and the account's status as the engine would decide it (a run's breakdown). */
export interface AutomaticCreditResult {
  credits: AutomaticCredit[];
  status: DecisionStatus;
}

export type AutomaticCreditEvaluator = (input: AutomaticCreditInput) => AutomaticCreditResult;

const NONE: AutomaticCredit[] = [];

/**
 * Whether the evaluator reads each line and impact in full for this policy. When not (one
 * credit per account, nothing asked of a line), it reads only the service types present
 * among the lines and whether an impact exists: a caller may then pass one line per service
 * type, with the other fields empty, and no impacts.
 */
export function needsLineDetails(policy: Policy): boolean {
  return policy.unit === 'line' || hasLineRequirements(policy);
}

/**
 * The credits `evaluateEligibility` would write for one policy and outage (the initial
 * credits of eligible subjects, and the revision adjustments of credited ones), without
 * building the explained decision: a policy run decides hundreds of thousands of accounts
 * and only writes credits. It calls the same rule functions as the engine (one source of
 * truth for every rule), and what does not depend on the account (the outage's rules, the
 * bill date per bill cycle day, the inclusion rules per combination of account fields they
 * read) is decided once. `automatic-credits.test.ts` proves it agrees with the engine.
 *
 * A run has no claims and no fault reports: an on-request policy's claim rule is unknown,
 * so it writes no first credit (that follows the claim the agent registers, decided by the
 * full engine), and a credit resting on the customer's word needs a supervisor.
 */
export function createAutomaticCreditEvaluator(policy: Policy, outage: Outage, asOf: string): AutomaticCreditEvaluator {
  const duration = outageDurationOf(outage, asOf);
  const revision = outage.revision ?? 1;
  const clawback = policy.revisions.clawback;
  const outageGates = new Map<AmountRule, RuleGate>();
  const outageGate = (amountRule: AmountRule): RuleGate => {
    let gate = outageGates.get(amountRule);
    if (gate === undefined) {
      gate = gateOf(outageRules(outage, duration, policy, amountRule));
      outageGates.set(amountRule, gate);
    }
    return gate;
  };
  const inclusionGates = new Map<string, RuleGate>();
  const inclusionGate = (account: Account): RuleGate => {
    // Exactly the fields inclusionRules reads.
    const profile = `${account.brand}|${account.segment}|${account.paymentType}|${account.status}|${account.country}|${account.region}|${account.currency}`;
    let gate = inclusionGates.get(profile);
    if (gate === undefined) {
      gate = gateOf(inclusionRules(account, policy));
      inclusionGates.set(profile, gate);
    }
    return gate;
  };
  // As evaluateEligibility: a credit is never scheduled before its outage has ended.
  const scheduledAt = outage.endsAt !== null && outage.endsAt > asOf ? outage.endsAt : asOf;
  const billDates = new Map<number, string>();
  const billDateOf = (billCycleDay: number): string => {
    let date = billDates.get(billCycleDay);
    if (date === undefined) {
      date = predictPosting(scheduledAt, billCycleDay, policy.delivery.postWithinCycles).earliest;
      billDates.set(billCycleDay, date);
    }
    return date;
  };
  const lineRequirements = hasLineRequirements(policy);
  // A run has no fault reports and no claims: the case rules depend only on the evidence,
  // which is whether an impact exists and where the account is.
  const caseGates = new Map<string, RuleGate>();
  const caseGate = (input: AutomaticCreditInput, amountRule: AmountRule): RuleGate => {
    const { account } = input;
    const profile = `${input.hasImpact}|${account.region}|${account.country}|${amountRule === policy.amount}`;
    let gate = caseGates.get(profile);
    if (gate === undefined) {
      gate = gateOf(caseRules(account, outage, policy, amountRule, { hasImpact: input.hasImpact }, null, null, asOf));
      caseGates.set(profile, gate);
    }
    return gate;
  };

  function amountFor(account: Account, amountRule: AmountRule, line: Line | null, impact: Impact | null): number {
    return computeAmount(amountRule, amountContextOf(amountRule, account, line, outage, duration.ms, impact, null)).totalMinor;
  }

  /** The subject statuses of the current call, combined as the engine does (see strongerStatus). */
  let status: DecisionStatus = 'not_eligible';

  /** A subject's status as statusOf gives it: a live credit wins, then a failed rule, then an undecided one. */
  function noteSubject(gate: RuleGate, liveCount: number, reversedCount: number, amountMinor: () => number): void {
    let subject: DecisionStatus;
    if (liveCount > 0) subject = 'already_credited';
    else if (gate === 'fail') subject = 'not_eligible';
    // Nothing due (a zero charge, say) is not eligible, as in the engine, once the amount can be worked out.
    else if (gate !== 'unknown' && amountMinor() <= 0) subject = 'not_eligible';
    else if (gate !== 'ok' || reversedCount > 0) subject = 'needs_review';
    else subject = 'eligible';
    status = strongerStatus(status, subject);
  }

  /** The credit a subject gets: its first, or the difference after a revision; null for none. */
  function creditOf(
    input: AutomaticCreditInput,
    gate: RuleGate,
    key: string,
    lineId: number | null,
    amount: () => number,
  ): AutomaticCredit | null {
    const family = input.family(key);
    let computed: number | null = null;
    const amountOnce = () => (computed ??= amount());
    noteSubject(gate, family.liveCount, family.reversedCount, amountOnce);
    const billDate = billDateOf(input.account.billCycleDay);
    if (family.liveCount === 0) {
      // A reversed credit needs a person; an unknown or failed rule gives nothing.
      if (family.reversedCount > 0 || gate !== 'ok') return null;
      const amountMinor = amountOnce();
      return amountMinor > 0 ? { lineId, idempotencyKey: key, kind: 'initial', amountMinor, billDate } : null;
    }
    if (gate === 'unknown') return null;
    let policyNowMinor = 0;
    if (gate !== 'fail') {
      policyNowMinor = amount();
      // Still to be confirmed and something to give: not known yet. Nothing to give: known.
      if (gate === 'confirm' && policyNowMinor > 0) return null;
    }
    const deltaMinor = revisionDelta(family, policyNowMinor, clawback);
    if (deltaMinor === 0) return null;
    return { lineId, idempotencyKey: adjustmentKey(key, revision), kind: 'adjustment', amountMinor: deltaMinor, billDate };
  }

  const combine = combineGates;

  function perAccount(input: AutomaticCreditInput, amountRule: AmountRule, shared: RuleGate): AutomaticCredit[] {
    const { account, lines, impacts } = input;
    let gate = combine(shared, gateOf([accountServiceTypeRule(lines, policy)]));
    if (lineRequirements && gate !== 'fail') {
      // affected_line_exists: a line whose own rules make it eligible passes it; one undecided leaves it unknown.
      const statuses = lines.map((line) => statusOf(lineRules(line, impactForLine(line.id, outage.id, impacts), policy, amountRule)));
      const lineGate: RuleGate = statuses.includes('eligible') ? 'ok' : statuses.includes('needs_review') ? 'unknown' : 'fail';
      gate = combine(gate, lineGate);
    }
    const key = idempotencyKey({ accountId: account.id, outageId: outage.id, policyCode: policy.code });
    const credit = creditOf(input, gate, key, null, () => amountFor(account, amountRule, null, null));
    return credit ? [credit] : NONE;
  }

  function perLine(input: AutomaticCreditInput, amountRule: AmountRule, shared: RuleGate): AutomaticCredit[] {
    const { account, lines, impacts } = input;
    const accountGate = combine(shared, lines.length > 0 ? 'ok' : 'fail');
    let credits: AutomaticCredit[] | null = null;
    for (const line of lines) {
      const impact = impactForLine(line.id, outage.id, impacts);
      const gate = combine(accountGate, gateOf(lineRules(line, impact, policy, amountRule)));
      const key = idempotencyKey({ accountId: account.id, lineId: line.id, outageId: outage.id, policyCode: policy.code });
      const credit = creditOf(input, gate, key, line.id, () => amountFor(account, amountRule, line, impact));
      if (credit) (credits ??= []).push(credit);
    }
    return credits ?? NONE;
  }

  /** With every shared rule failed, each subject is already credited (a live credit) or not eligible. */
  function failedStatus(input: AutomaticCreditInput): DecisionStatus {
    const { account, lines } = input;
    const keys =
      policy.unit === 'account'
        ? [idempotencyKey({ accountId: account.id, outageId: outage.id, policyCode: policy.code })]
        : lines.map((line) => idempotencyKey({ accountId: account.id, lineId: line.id, outageId: outage.id, policyCode: policy.code }));
    return keys.some((key) => input.family(key).liveCount > 0) ? 'already_credited' : 'not_eligible';
  }

  return function automaticCredits(input: AutomaticCreditInput): AutomaticCreditResult {
    const { account } = input;
    const amountRule = account.paymentType === 'prepaid' && policy.prepaidAmount ? policy.prepaidAmount : policy.amount;
    const shared = combine(inclusionGate(account), outageGate(amountRule), caseGate(input, amountRule));
    status = 'not_eligible';
    if (shared !== 'ok' && !clawback) {
      // Nothing to pay, and nothing to take back unless the policy claws back: most accounts stop here.
      // (A failed line rule outweighs an unknown shared one, so with clawback both go on.)
      if (shared === 'fail') return { credits: NONE, status: failedStatus(input) };
      // Undecided (rare): the subjects are still walked for their statuses, and nothing is written.
      if (policy.unit === 'account') perAccount(input, amountRule, shared);
      else perLine(input, amountRule, shared);
      return { credits: NONE, status };
    }
    const credits = policy.unit === 'account' ? perAccount(input, amountRule, shared) : perLine(input, amountRule, shared);
    return { credits, status };
  };
}
