import type { Account, Line } from '../domain/account';
import { predictPosting } from '../domain/bill-date';
import { idempotencyKey } from '../domain/credit';
import type { Impact, Outage } from '../domain/outage';
import { accountServiceTypeRule, inclusionRules, outageDurationOf, outageRules } from './account-rules';
import { computeAmount } from './compute-amount';
import { blocksAmount, statusOf } from './evaluated-rule';
import { hasLineRequirements, impactForLine, lineRules } from './line-rules';
import type { AmountRule, Policy } from './policy-schema';

/** A credit the engine would write for an eligible subject (the account, or one line). */
export interface AutomaticCredit {
  lineId: number | null;
  idempotencyKey: string;
  amountMinor: number;
  /** The earliest predicted bill date (scheduled on the evaluation date, or the outage's end if later). */
  billDate: string;
}

export interface AutomaticCreditInput {
  account: Account;
  lines: readonly Line[];
  impacts: readonly Impact[];
  /** Whether any credit (live or reversed) already holds this idempotency key. */
  hasCredit: (key: string) => boolean;
}

export type AutomaticCreditEvaluator = (input: AutomaticCreditInput) => AutomaticCredit[];

const NONE: AutomaticCredit[] = [];

/**
 * Whether the evaluator reads each line and impact in full for this policy. When not (one
 * credit per account, nothing asked of a line), it reads only the service types present
 * among the lines and no impact: impacts then only say whether the outage touched the
 * account, which the caller decides before asking. A caller may then pass one line per
 * service type, with the other fields empty, and no impacts.
 */
export function needsLineDetails(policy: Policy): boolean {
  return policy.unit === 'line' || hasLineRequirements(policy);
}

/**
 * The credits `evaluateEligibility` would make eligible for one policy and outage, without
 * building the explained decision: a policy run decides hundreds of thousands of accounts
 * and only writes credits. It calls the same rule functions as the engine (one source of
 * truth for every rule), and what does not depend on the account (the outage's rules, the
 * bill date per bill cycle day, the inclusion rules per combination of account fields they
 * read) is decided once. `automatic-credits.test.ts` proves it agrees with the engine.
 */
export function createAutomaticCreditEvaluator(policy: Policy, outage: Outage, asOf: string): AutomaticCreditEvaluator {
  const duration = outageDurationOf(outage, asOf);
  const outageBlocks = new Map<AmountRule, boolean>();
  const outageBlocked = (amountRule: AmountRule): boolean => {
    let blocked = outageBlocks.get(amountRule);
    if (blocked === undefined) {
      blocked = blocksAmount(outageRules(outage, duration, policy, amountRule));
      outageBlocks.set(amountRule, blocked);
    }
    return blocked;
  };
  const inclusionBlocks = new Map<string, boolean>();
  const inclusionBlocked = (account: Account): boolean => {
    // Exactly the fields inclusionRules reads.
    const profile = `${account.brand}|${account.segment}|${account.paymentType}|${account.status}|${account.country}|${account.region}|${account.currency}`;
    let blocked = inclusionBlocks.get(profile);
    if (blocked === undefined) {
      blocked = blocksAmount(inclusionRules(account, policy));
      inclusionBlocks.set(profile, blocked);
    }
    return blocked;
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

  function amountFor(account: Account, amountRule: AmountRule, line: Line | null, impact: Impact | null): number {
    const durationMs = amountRule.durationBasis === 'line_impact' && impact !== null ? impact.lostMinutes * 60_000 : duration.ms;
    return computeAmount(amountRule, {
      accountMonthlyChargeMinor: account.monthlyChargeMinor,
      lineMonthlyRateMinor: line?.monthlyRateMinor ?? null,
      durationMs,
      outageStartsAt: outage.startsAt,
    }).totalMinor;
  }

  function perAccount(input: AutomaticCreditInput, amountRule: AmountRule): AutomaticCredit[] {
    const { account, lines, impacts } = input;
    if (blocksAmount([accountServiceTypeRule(lines, policy)])) return NONE;
    if (lineRequirements) {
      // affected_line_exists passes only when some line's own rules make it eligible.
      const qualifies = lines.some(
        (line) => statusOf(lineRules(line, impactForLine(line.id, outage.id, impacts), policy, amountRule)) === 'eligible',
      );
      if (!qualifies) return NONE;
    }
    const amountMinor = amountFor(account, amountRule, null, null);
    if (amountMinor <= 0) return NONE;
    const key = idempotencyKey({ accountId: account.id, outageId: outage.id, policyCode: policy.code });
    // A live credit makes it already credited; a reversed one needs a person: neither writes.
    if (input.hasCredit(key)) return NONE;
    return [{ lineId: null, idempotencyKey: key, amountMinor, billDate: billDateOf(account.billCycleDay) }];
  }

  function perLine(input: AutomaticCreditInput, amountRule: AmountRule): AutomaticCredit[] {
    const { account, lines, impacts } = input;
    let credits: AutomaticCredit[] | null = null;
    for (const line of lines) {
      const impact = impactForLine(line.id, outage.id, impacts);
      if (blocksAmount(lineRules(line, impact, policy, amountRule))) continue;
      const amountMinor = amountFor(account, amountRule, line, impact);
      if (amountMinor <= 0) continue;
      const key = idempotencyKey({ accountId: account.id, lineId: line.id, outageId: outage.id, policyCode: policy.code });
      if (input.hasCredit(key)) continue;
      (credits ??= []).push({ lineId: line.id, idempotencyKey: key, amountMinor, billDate: billDateOf(account.billCycleDay) });
    }
    return credits ?? NONE;
  }

  return function automaticCredits(input: AutomaticCreditInput): AutomaticCredit[] {
    const { account } = input;
    const amountRule = account.paymentType === 'prepaid' && policy.prepaidAmount ? policy.prepaidAmount : policy.amount;
    if (inclusionBlocked(account) || outageBlocked(amountRule)) return NONE;
    return policy.unit === 'account' ? perAccount(input, amountRule) : perLine(input, amountRule);
  };
}
