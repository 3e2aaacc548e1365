import type { Account, Line } from '../domain/account';
import { predictPosting } from '../domain/bill-date';
import { idempotencyKey, type Credit } from '../domain/credit';
import type { Impact, Outage } from '../domain/outage';
import { accountServiceTypeRule, inclusionRules, outageDurationOf, outageRules, type OutageDuration } from './account-rules';
import { computeAmount } from './compute-amount';
import type { Decision, DecisionStatus, DerivationStep, LineDecision, WhatWouldChange } from './decision';
import { blocksAmount, passOrFail, ruleResult, statusOf, toRuleResult, type EvaluatedRule } from './evaluated-rule';
import { hasLineRequirements, impactForLine, lineRules } from './line-rules';
import type { AmountRule, Policy } from './policy-schema';

export interface EligibilityInput {
  account: Account;
  lines: Line[];
  outage: Outage;
  impacts: Impact[];
  policy: Policy;
  existingCredits: Credit[];
  /** The evaluation date, ISO UTC: the engine never reads the clock. */
  asOf: string;
}

interface Subject {
  amountMinor: number;
  derivation: DerivationStep[];
  rules: EvaluatedRule[];
  status: DecisionStatus;
  key: string;
  credits: Credit[];
}

interface Context {
  input: EligibilityInput;
  amountRule: AmountRule;
  duration: OutageDuration;
}

/**
 * The eligibility decision for one account and one outage under one policy version.
 * Pure: the same input always gives the same decision.
 */
export function evaluateEligibility(input: EligibilityInput): Decision {
  const { account, lines, outage, policy } = input;
  const amountRule = account.paymentType === 'prepaid' && policy.prepaidAmount ? policy.prepaidAmount : policy.amount;
  const context: Context = { input, amountRule, duration: outageDurationOf(outage, input.asOf) };

  const shared = [...inclusionRules(account, policy)];
  if (policy.unit === 'account') shared.push(accountServiceTypeRule(lines, policy));
  shared.push(...outageRules(outage, context.duration, policy, amountRule));
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
      result.status === 'eligible'
        ? predictPosting(schedulingDate(input.asOf, outage.endsAt), account.billCycleDay, policy.delivery.postWithinCycles)
        : null,
    existingCreditIds: result.credits.map((c) => c.id),
    delivery: {
      mode: policy.delivery.mode,
      postWithinCycles: policy.delivery.postWithinCycles,
      noticeChannels: [...policy.delivery.noticeChannels],
      inKindRequiresExplicitConsent: policy.delivery.inKind.requiresExplicitConsent,
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
}

/** One credit for the account, whatever the number of lines. */
function perAccount(context: Context, shared: EvaluatedRule[]): UnitResult {
  const rules = hasLineRequirements(context.input.policy) ? [...shared, affectedLineRule(context)] : shared;
  const subject = evaluateSubject(context, rules, null);
  const eligible = subject.status === 'eligible';
  return {
    status: subject.status,
    amountMinor: eligible ? subject.amountMinor : 0,
    derivation: eligible ? subject.derivation : [],
    rules: subject.rules,
    perLine: [],
    credits: subject.credits,
    accountKey: subject.key,
    changes: failedRules(subject.rules, null),
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
      derivation: eligible ? subject.derivation : [],
      existingCreditIds: subject.credits.map((c) => c.id),
    };
  });
  const total = decisions.reduce((sum, l) => sum + l.amountMinor, 0);
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
  };
}

/** Evaluates one credit subject: the account (line null) or one line of a per-line policy. */
function evaluateSubject(context: Context, shared: readonly EvaluatedRule[], line: Line | null): Subject {
  const { account, outage, impacts, policy, existingCredits } = context.input;
  const impact = line === null ? null : impactForLine(line.id, outage.id, impacts);
  const rules = [...shared];
  if (line !== null) rules.push(...lineRules(line, impact, policy, context.amountRule));

  let amountMinor = 0;
  let derivation: DerivationStep[] = [];
  if (blocksAmount(rules)) {
    rules.push(ruleResult('amount_positive', 'not_applicable', {}));
  } else {
    const durationMs =
      context.amountRule.durationBasis === 'line_impact' && impact !== null ? impact.lostMinutes * 60_000 : context.duration.ms;
    const computed = computeAmount(context.amountRule, {
      accountMonthlyChargeMinor: account.monthlyChargeMinor,
      lineMonthlyRateMinor: line?.monthlyRateMinor ?? null,
      durationMs,
      outageStartsAt: outage.startsAt,
    });
    amountMinor = computed.totalMinor;
    derivation = computed.steps;
    if (context.amountRule !== policy.amount) derivation.unshift({ kind: 'variant', variant: 'prepaid' });
    rules.push(ruleResult('amount_positive', passOrFail(amountMinor > 0), { amountMinor }, { minAmountMinor: 1 }));
  }

  const key = idempotencyKey({ accountId: account.id, lineId: line?.id ?? null, outageId: outage.id, policyCode: policy.code });
  const credits = existingCredits.filter((c) => c.idempotencyKey === key);
  const live = credits.filter((c) => c.status !== 'reversed');
  // A credit that was reversed on purpose is not paid again without a person deciding.
  const creditedOutcome = live.length > 0 ? 'fail' : credits.length > 0 ? 'unknown' : 'pass';
  rules.push(
    ruleResult('not_already_credited', creditedOutcome, {
      idempotencyKey: key,
      creditIds: credits.map((c) => c.id),
      liveCreditIds: live.map((c) => c.id),
    }),
  );
  return { amountMinor, derivation, rules, status: statusOf(rules), key, credits };
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
