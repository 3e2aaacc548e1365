import type { Account, Line } from '../domain/account';
import { predictPosting } from '../domain/bill-date';
import { idempotencyKey, type Credit } from '../domain/credit';
import type { CreditClaim, FaultReport } from '../domain/fault-report';
import type { Impact, Outage } from '../domain/outage';
import { accountServiceTypeRule, inclusionRules, outageDurationOf, outageRules, type OutageDuration } from './account-rules';
import { computeAmount, type AmountContext } from './compute-amount';
import type {
  ConfirmPath,
  Decision,
  DecisionStatus,
  DerivationStep,
  LineDecision,
  ReviewReason,
  RevisionAdjustment,
  WhatWouldChange,
} from './decision';
import {
  blocksAmountBeforeConfirmation,
  gateOf,
  passOrFail,
  ruleResult,
  settlesByConfirmation,
  statusOf,
  toRuleResult,
  type EvaluatedRule,
} from './evaluated-rule';
import {
  claimFor,
  claimRules,
  claimWindowEndsOn,
  effectiveRule,
  evidenceRule,
  faultReportRule,
  firstFaultReport,
  regionCovers,
} from './evidence-rules';
import { hasLineRequirements, impactForLine, lineRules } from './line-rules';
import type { AmountRule, Policy } from './policy-schema';
import { adjustmentKey, creditFamily, revisionDelta, type CreditFamily } from './revision-adjustment';

export interface EligibilityInput {
  account: Account;
  lines: Line[];
  outage: Outage;
  impacts: Impact[];
  policy: Policy;
  existingCredits: Credit[];
  /** The evaluation date, ISO UTC: the engine never reads the clock. */
  asOf: string;
  /** The account's fault reports (recorded by agents); left out: none. */
  faultReports?: FaultReport[];
  /** Claims of on-request credits registered for the account; left out: none. */
  claims?: CreditClaim[];
}

interface Subject {
  amountMinor: number;
  derivation: DerivationStep[];
  rules: EvaluatedRule[];
  status: DecisionStatus;
  key: string;
  family: CreditFamily;
  credits: Credit[];
  adjustment: RevisionAdjustment | null;
}

interface Context {
  input: EligibilityInput;
  amountRule: AmountRule;
  duration: OutageDuration;
  faultReport: FaultReport | null;
  revision: number;
}

/** What an amount rule counts, for one subject: the outage, the line's loss, or the fault report to the fix. */
export function amountContextOf(
  amountRule: AmountRule,
  account: Account,
  line: Line | null,
  outage: Outage,
  outageMs: number,
  impact: Impact | null,
  faultReport: FaultReport | null,
): AmountContext {
  let durationMs = outageMs;
  let faultWindow: AmountContext['faultWindow'];
  if (amountRule.durationBasis === 'line_impact' && impact !== null) durationMs = impact.lostMinutes * 60_000;
  if (amountRule.durationBasis === 'fault_report' && faultReport !== null && outage.endsAt !== null) {
    faultWindow = { reportedAt: faultReport.reportedAt, fixedAt: outage.endsAt };
    durationMs = Math.max(0, Date.parse(outage.endsAt) - Date.parse(faultReport.reportedAt));
  }
  return {
    accountMonthlyChargeMinor: account.monthlyChargeMinor,
    lineMonthlyRateMinor: line?.monthlyRateMinor ?? null,
    durationMs,
    outageStartsAt: outage.startsAt,
    ...(faultWindow ? { faultWindow } : {}),
  };
}

/** The rules about the case shared by every subject: effective period, evidence, fault report, claim. */
export function caseRules(
  account: Account,
  outage: Outage,
  policy: Policy,
  amountRule: AmountRule,
  evidence: { hasImpact: boolean },
  faultReport: FaultReport | null,
  claim: CreditClaim | null,
  asOf: string,
): EvaluatedRule[] {
  const rules = [effectiveRule(outage, policy)];
  if (policy.unit === 'account') {
    const facts = { hasImpact: evidence.hasImpact, inRegion: regionCovers(account, outage, policy), hasCustomerReport: faultReport !== null };
    rules.push(evidenceRule(facts, policy));
  }
  rules.push(faultReportRule(faultReport, amountRule));
  rules.push(...claimRules(claim, outage, policy, asOf));
  return rules;
}

/**
 * The eligibility decision for one account and one outage under one policy version.
 * Pure: the same input always gives the same decision.
 */
export function evaluateEligibility(input: EligibilityInput): Decision {
  const { account, lines, outage, policy } = input;
  const amountRule = account.paymentType === 'prepaid' && policy.prepaidAmount ? policy.prepaidAmount : policy.amount;
  const faultReport = firstFaultReport(input.faultReports ?? [], account.id, outage.id);
  const claim = claimFor(input.claims ?? [], account.id, outage.id, policy.code);
  const context: Context = {
    input,
    amountRule,
    duration: outageDurationOf(outage, input.asOf),
    faultReport,
    revision: outage.revision ?? 1,
  };

  const shared = [...inclusionRules(account, policy)];
  if (policy.unit === 'account') shared.push(accountServiceTypeRule(lines, policy));
  shared.push(...outageRules(outage, context.duration, policy, amountRule));
  const lineIds = new Set(lines.map((l) => l.id));
  const hasImpact = input.impacts.some((i) => i.outageId === outage.id && lineIds.has(i.lineId));
  shared.push(...caseRules(account, outage, policy, amountRule, { hasImpact }, faultReport, claim, input.asOf));
  const result = policy.unit === 'account' ? perAccount(context, shared) : perLine(context, shared);

  return {
    policyCode: policy.code,
    policyVersion: policy.version,
    accountId: account.id,
    outageId: outage.id,
    status: result.status,
    amountMinor: result.amountMinor,
    creditedMinor: result.credits.filter((c) => c.status !== 'reversed').reduce((sum, c) => sum + c.amountMinor, 0),
    currency: policy.currency,
    unit: policy.unit,
    variant: amountRule === policy.amount ? 'standard' : 'prepaid',
    idempotencyKey: result.accountKey,
    rules: result.rules.map(toRuleResult),
    perLine: result.perLine,
    derivation: result.derivation,
    whatWouldChange: result.changes,
    overridePossible: overridePossible(account, result.status),
    predictedPosting:
      result.status === 'eligible' || result.adjustments.some((a) => a.deltaMinor !== 0)
        ? predictPosting(schedulingDate(input.asOf, outage.endsAt), account.billCycleDay, policy.delivery.postWithinCycles)
        : null,
    existingCreditIds: result.credits.map((c) => c.id),
    legalBasis: policy.legalBasis,
    review: result.status === 'needs_review' ? result.review : [],
    pendingAmountMinor: result.status === 'needs_review' ? result.pendingAmountMinor : 0,
    adjustments: result.adjustments,
    delivery: {
      mode: policy.delivery.mode,
      postWithinCycles: policy.delivery.postWithinCycles,
      noticeChannels: [...policy.delivery.noticeChannels],
      inKindRequiresExplicitConsent: policy.delivery.inKind.requiresExplicitConsent,
      inKindAllowed: policy.delivery.inKind.allowed,
      claimWindowEndsOn: claimWindowEndsOn(outage, policy),
    },
  };
}

interface UnitResult {
  status: DecisionStatus;
  amountMinor: number;
  derivation: DerivationStep[];
  /** The decision's own rules: account and outage (and, per account, amount and credit). */
  rules: EvaluatedRule[];
  perLine: LineDecision[];
  credits: Credit[];
  accountKey: string | null;
  changes: WhatWouldChange[];
  review: ReviewReason[];
  pendingAmountMinor: number;
  adjustments: RevisionAdjustment[];
}

/** One credit for the account, whatever the number of lines. */
function perAccount(context: Context, shared: EvaluatedRule[]): UnitResult {
  const rules = hasLineRequirements(context.input.policy) ? [...shared, affectedLineRule(context)] : shared;
  const subject = evaluateSubject(context, rules, null);
  const eligible = subject.status === 'eligible';
  return {
    status: subject.status,
    amountMinor: eligible ? subject.amountMinor : 0,
    derivation: eligible || pending(subject) ? subject.derivation : [],
    rules: subject.rules,
    perLine: [],
    credits: subject.credits,
    accountKey: subject.key,
    changes: failedRules(subject.rules, null),
    review: reviewReasons(subject.rules, null),
    pendingAmountMinor: pending(subject) ? subject.amountMinor : 0,
    adjustments: subject.adjustment ? [subject.adjustment] : [],
  };
}

/** One credit per line, each with its own rules and amount; the account total is their sum. */
function perLine(context: Context, accountRules: EvaluatedRule[]): UnitResult {
  const { lines } = context.input;
  const shared = [
    ...accountRules,
    ruleResult('has_lines', passOrFail(lines.length > 0), { lineCount: lines.length }, { minLines: 1 }),
  ];
  const subjects = lines.map((line) => {
    const subject = evaluateSubject(context, shared, line);
    // The account and outage rules are the decision's own; a line lists only its own.
    return { line, subject, ownRules: subject.rules.slice(shared.length) };
  });
  const decisions: LineDecision[] = subjects.map(({ line, subject, ownRules }) => {
    const eligible = subject.status === 'eligible';
    return {
      lineId: line.id,
      status: subject.status,
      amountMinor: eligible ? subject.amountMinor : 0,
      idempotencyKey: subject.key,
      rules: ownRules.map(toRuleResult),
      derivation: eligible || pending(subject) ? subject.derivation : [],
      existingCreditIds: subject.credits.map((c) => c.id),
    };
  });
  const total = decisions.reduce((sum, l) => sum + l.amountMinor, 0);
  const pendingTotal = subjects.reduce((sum, { subject }) => sum + (pending(subject) ? subject.amountMinor : 0), 0);
  return {
    status: aggregateStatus(decisions.map((l) => l.status), statusOf(shared)),
    amountMinor: total,
    derivation: [
      { kind: 'sum_of_lines', lines: decisions.map((l) => ({ lineId: l.lineId, amountMinor: l.amountMinor })), totalMinor: total },
    ],
    rules: shared,
    perLine: decisions,
    credits: subjects.flatMap(({ subject }) => subject.credits),
    accountKey: null,
    changes: [...failedRules(shared, null), ...subjects.flatMap(({ line, ownRules }) => failedRules(ownRules, line.id))],
    review: [
      ...reviewReasons(shared, null),
      ...subjects.filter(({ subject }) => subject.status === 'needs_review').flatMap(({ line, ownRules }) => reviewReasons(ownRules, line.id)),
    ],
    pendingAmountMinor: pendingTotal,
    adjustments: subjects.flatMap(({ subject }) => (subject.adjustment ? [subject.adjustment] : [])),
  };
}

/** A subject that waits only for a person to confirm: its amount is what confirming gives. */
function pending(subject: Subject): boolean {
  return subject.status === 'needs_review' && subject.amountMinor > 0 && subject.rules.every((r) => r.outcome !== 'unknown' || settlesByConfirmation(r));
}

/** Evaluates one credit subject: the account (line null) or one line of a per-line policy. */
function evaluateSubject(context: Context, shared: readonly EvaluatedRule[], line: Line | null): Subject {
  const { account, outage, impacts, policy, existingCredits } = context.input;
  const impact = line === null ? null : impactForLine(line.id, outage.id, impacts);
  const rules = [...shared];
  if (line !== null) rules.push(...lineRules(line, impact, policy, context.amountRule));

  let amountMinor = 0;
  let derivation: DerivationStep[] = [];
  if (blocksAmountBeforeConfirmation(rules)) {
    rules.push(ruleResult('amount_positive', 'not_applicable', {}));
  } else {
    const computed = computeAmount(
      context.amountRule,
      amountContextOf(context.amountRule, account, line, outage, context.duration.ms, impact, context.faultReport),
    );
    amountMinor = computed.totalMinor;
    derivation = computed.steps;
    if (context.amountRule !== policy.amount) derivation.unshift({ kind: 'variant', variant: 'prepaid' });
    rules.push(ruleResult('amount_positive', passOrFail(amountMinor > 0), { amountMinor }, { minAmountMinor: 1 }));
  }
  const gate = gateOf(rules);

  const key = idempotencyKey({ accountId: account.id, lineId: line?.id ?? null, outageId: outage.id, policyCode: policy.code });
  const family = creditFamily(existingCredits, key, context.revision);
  const credits = existingCredits.filter((c) => family.creditIds.includes(c.id));
  // A credit that was reversed on purpose is not paid again without a person deciding.
  const creditedOutcome = family.liveCount > 0 ? 'fail' : family.reversedCount > 0 ? 'unknown' : 'pass';
  rules.push(
    ruleResult('not_already_credited', creditedOutcome, {
      idempotencyKey: key,
      creditIds: credits.map((c) => c.id),
      liveCreditIds: credits.filter((c) => c.status !== 'reversed').map((c) => c.id),
      creditedMinor: family.liveMinor,
    }),
  );

  let adjustment: RevisionAdjustment | null = null;
  // Credited already: what the policy gives for the facts as they are now, when that is known.
  // (With the amount's own rule in, `confirm` is a positive amount still to be confirmed: not yet known.)
  if (family.liveCount > 0 && (gate === 'ok' || gate === 'fail')) {
    const policyNowMinor = gate === 'fail' ? 0 : amountMinor;
    const deltaMinor = revisionDelta(family, policyNowMinor, policy.revisions.clawback);
    if (policyNowMinor !== family.liveMinor) {
      adjustment = {
        lineId: line?.id ?? null,
        idempotencyKey: adjustmentKey(key, context.revision),
        outageRevision: context.revision,
        creditedMinor: family.liveMinor,
        policyNowMinor,
        deltaMinor,
      };
    }
  }
  return { amountMinor, derivation, rules, status: statusOf(rules), key, family, credits, adjustment };
}

/** Per account with line requirements: at least one line meets them. */
function affectedLineRule(context: Context): EvaluatedRule {
  const { lines, outage, impacts, policy } = context.input;
  const checked = lines.map((line) => ({
    line,
    status: statusOf(lineRules(line, impactForLine(line.id, outage.id, impacts), policy, context.amountRule)),
  }));
  const qualifying = checked.filter((c) => c.status === 'eligible').map((c) => c.line.id);
  const undecided = checked.filter((c) => c.status === 'needs_review').map((c) => c.line.id);
  const outcome = qualifying.length > 0 ? 'pass' : undecided.length > 0 ? 'unknown' : 'fail';
  return ruleResult(
    'affected_line_exists',
    outcome,
    { lineIds: lines.map((l) => l.id), qualifyingLineIds: qualifying, undecidedLineIds: undecided },
    { qualifyingLines: 1 },
  );
}

/** Per line: the account is eligible if any line is; otherwise the most hopeful line status. */
function aggregateStatus(lineStatuses: readonly DecisionStatus[], sharedStatus: DecisionStatus): DecisionStatus {
  if (lineStatuses.length === 0) return sharedStatus;
  for (const status of ['eligible', 'needs_review', 'already_credited'] as const) {
    if (lineStatuses.includes(status)) return status;
  }
  return 'not_eligible';
}

/** Failed rules and the values that would pass them; a live credit is not something to change. */
function failedRules(rules: readonly EvaluatedRule[], lineId: number | null): WhatWouldChange[] {
  return rules
    .filter((rule) => rule.outcome === 'fail' && rule.code !== 'not_already_credited')
    .map((rule) => ({ code: rule.code, lineId, required: rule.required }));
}

/** Each undecided rule and how it is settled. */
function reviewReasons(rules: readonly EvaluatedRule[], lineId: number | null): ReviewReason[] {
  return rules
    .filter((rule) => rule.outcome === 'unknown')
    .map((rule) => {
      const given = rule.facts.confirmBy;
      const confirmBy: ConfirmPath =
        typeof given === 'string' ? (given as ConfirmPath) : rule.code === 'not_already_credited' ? 'supervisor_decision' : 'wait_for_data';
      return { rule: rule.code, lineId, confirmBy };
    });
}

function overridePossible(account: Account, status: DecisionStatus): Decision['overridePossible'] {
  if (account.status === 'closed') return { possible: false, reason: 'account_closed' };
  switch (status) {
    case 'eligible':
      return { possible: true, reason: 'adjust_amount' };
    case 'not_eligible':
      return { possible: true, reason: 'goodwill_request' };
    case 'needs_review':
      return { possible: true, reason: 'manual_review' };
    case 'already_credited':
      return { possible: true, reason: 'adjust_or_reverse_existing_credit' };
  }
}

/** A credit cannot be scheduled before its outage has ended, whatever date it is evaluated on. */
function schedulingDate(asOf: string, outageEndsAt: string | null): string {
  return outageEndsAt !== null && outageEndsAt > asOf ? outageEndsAt : asOf;
}
