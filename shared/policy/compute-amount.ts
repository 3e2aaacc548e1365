import { daysInMonth, toCalendarDate } from '../domain/bill-date';
import { addFractions, fraction, fractionToDecimal, multiplyFractions, multiplyMinor, roundHalfUp, type Fraction } from '../domain/money';
import type { DerivationStep } from './decision';
import type { AmountRule, DurationThreshold, MonthlyBase, PeriodCounting } from './policy-schema';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface AmountContext {
  accountMonthlyChargeMinor: number;
  /** Null for a per-account decision. */
  lineMonthlyRateMinor: number | null;
  /** The duration the rule counts (outage or line impact), in milliseconds. */
  durationMs: number;
  /** The outage start: its UTC month gives the days a daily rate divides by. */
  outageStartsAt: string;
  /**
   * For a tiered daily amount: when the customer's fault report reached the carrier and
   * when the fault was fixed (ISO UTC); the days run between them.
   */
  faultWindow?: { reportedAt: string; fixedAt: string };
}

const DAY_MS = 24 * HOUR_MS;

/**
 * Calendar days (UTC) counted from a report: day 1 is the day after the day of the report,
 * and a day counts when the fault was not yet fixed when it began.
 */
function daysSinceReport(reportedAt: string, fixedAt: string): number {
  const reportDay = Math.floor(Date.parse(reportedAt) / DAY_MS) * DAY_MS;
  const fixed = Date.parse(fixedAt);
  if (fixed <= reportDay + DAY_MS) return 0;
  return Math.ceil((fixed - (reportDay + DAY_MS)) / DAY_MS);
}

function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left === right ? 0 : left > right ? 1 : -1;
}

export interface ComputedAmount {
  totalMinor: number;
  steps: DerivationStep[];
}

export function meetsThreshold(durationMs: number, threshold: DurationThreshold): boolean {
  const boundMs = threshold.minutes * MINUTE_MS;
  return threshold.inclusive ? durationMs >= boundMs : durationMs > boundMs;
}

/** How many periods a duration counts as (see PeriodCounting). */
export function countPeriods(durationMs: number, period: PeriodCounting): number {
  const periodMs = period.hours * HOUR_MS;
  const counted =
    period.counting === 'started' ? Math.ceil(durationMs / periodMs) : Math.floor(durationMs / periodMs);
  if (!period.firstPeriodThreshold) return counted;
  return meetsThreshold(durationMs, period.firstPeriodThreshold) ? Math.max(1, counted) : 0;
}

function baseMinor(base: MonthlyBase, context: AmountContext): number {
  if (base === 'account_monthly_charge') return context.accountMonthlyChargeMinor;
  if (context.lineMonthlyRateMinor === null) throw new Error('a line rate needs a per-line decision');
  return context.lineMonthlyRateMinor;
}

function rawAmount(rule: AmountRule, context: AmountContext): ComputedAmount {
  const durationMinutes = context.durationMs / MINUTE_MS;
  switch (rule.kind) {
    case 'flat':
      return { totalMinor: rule.amountMinor, steps: [{ kind: 'flat', amountMinor: rule.amountMinor, totalMinor: rule.amountMinor }] };
    case 'flat_per_period': {
      const periods = countPeriods(context.durationMs, rule.period);
      const totalMinor = rule.amountMinor * periods;
      const step: DerivationStep = {
        kind: 'flat_per_period',
        amountPerPeriodMinor: rule.amountMinor,
        periodHours: rule.period.hours,
        counting: rule.period.counting,
        durationMinutes,
        periods,
        totalMinor,
      };
      return { totalMinor, steps: [step] };
    }
    case 'share_of_monthly': {
      const monthly = baseMinor(rule.base, context);
      const periods = countPeriods(context.durationMs, rule.period);
      const numerator = rule.numeratorPerPeriod * periods;
      const exact = fraction(BigInt(monthly) * BigInt(numerator), rule.denominator);
      const totalMinor = roundHalfUp(exact);
      const step: DerivationStep = {
        kind: 'share_of_monthly',
        base: rule.base,
        baseMinor: monthly,
        numeratorPerPeriod: rule.numeratorPerPeriod,
        denominator: rule.denominator,
        periodHours: rule.period.hours,
        counting: rule.period.counting,
        durationMinutes,
        periods,
        numerator,
        exactMinor: fractionToDecimal(exact, 4),
        totalMinor,
      };
      return { totalMinor, steps: [step] };
    }
    case 'daily_rate': {
      const monthly = baseMinor(rule.base, context);
      const start = toCalendarDate(context.outageStartsAt);
      const monthDays = daysInMonth(start.year, start.month);
      const fullPeriods = Math.floor(context.durationMs / (rule.extraDayPerFullHours * HOUR_MS));
      // The first period is the base day(s); each further full period adds one day.
      const days = rule.baseDays + Math.max(0, fullPeriods - 1);
      const exact = fraction(BigInt(monthly) * BigInt(days), monthDays);
      const totalMinor = roundHalfUp(exact);
      const step: DerivationStep = {
        kind: 'daily_rate',
        base: rule.base,
        monthlyRateMinor: monthly,
        month: `${String(start.year).padStart(4, '0')}-${String(start.month).padStart(2, '0')}`,
        daysInMonth: monthDays,
        dailyMinor: multiplyMinor(monthly, 1, monthDays),
        durationMinutes,
        days,
        exactMinor: fractionToDecimal(exact, 4),
        totalMinor,
      };
      return { totalMinor, steps: [step] };
    }
    case 'tiered_daily': {
      const monthly = baseMinor(rule.base, context);
      const window = context.faultWindow;
      if (window === undefined) throw new Error('a tiered daily amount needs a fault report');
      const days = daysSinceReport(window.reportedAt, window.fixedAt);
      let exact = fraction(0);
      const tiers: Extract<DerivationStep, { kind: 'tiered_daily' }>['tiers'] = [];
      rule.tiers.forEach((tier, i) => {
        const toDay = Math.min(days, (rule.tiers[i + 1]?.fromDay ?? Number.MAX_SAFE_INTEGER) - 1);
        const tierDays = Math.max(0, toDay - tier.fromDay + 1);
        if (tierDays === 0) return;
        const share = fraction(BigInt(monthly) * BigInt(tier.percentOfBase), 100);
        const flat = fraction(tier.flatMinor);
        const perDay = compareFractions(share, flat) > 0 ? share : flat;
        exact = addFractions(exact, multiplyFractions(perDay, fraction(tierDays)));
        tiers.push({
          fromDay: tier.fromDay,
          toDay,
          days: tierDays,
          flatMinor: tier.flatMinor,
          percentOfBase: tier.percentOfBase,
          perDayMinor: roundHalfUp(perDay),
        });
      });
      const totalMinor = roundHalfUp(exact);
      const step: DerivationStep = {
        kind: 'tiered_daily',
        base: rule.base,
        baseMinor: monthly,
        reportedOn: window.reportedAt.slice(0, 10),
        fixedAt: window.fixedAt,
        days,
        tiers,
        exactMinor: fractionToDecimal(exact, 4),
        totalMinor,
      };
      return { totalMinor, steps: [step] };
    }
  }
}

/**
 * The amount a rule gives for a duration: the one rounding happens inside the kind's own
 * step; then the minimum (only for a positive amount: a minimum tops up a credit that is
 * due, it does not create one), then the cap, which wins over the minimum.
 */
export function computeAmount(rule: AmountRule, context: AmountContext): ComputedAmount {
  const raw = rawAmount(rule, context);
  const steps = raw.steps;
  let totalMinor = raw.totalMinor;
  if (rule.minimumMinor !== undefined && totalMinor > 0 && totalMinor < rule.minimumMinor) {
    steps.push({ kind: 'minimum', beforeMinor: totalMinor, minimumMinor: rule.minimumMinor, totalMinor: rule.minimumMinor });
    totalMinor = rule.minimumMinor;
  }
  if (rule.cap) {
    const capMinor = rule.cap.kind === 'fixed' ? rule.cap.amountMinor : baseMinor(rule.cap.base, context);
    if (totalMinor > capMinor) {
      steps.push({ kind: 'cap', beforeMinor: totalMinor, capMinor, capKind: rule.cap.kind, totalMinor: capMinor });
      totalMinor = capMinor;
    }
  }
  return { totalMinor, steps };
}

/**
 * The most the rule gives any subject, whatever its facts: a flat amount (raised to its
 * minimum, lowered to a fixed cap), or a fixed cap; null when it depends on the facts.
 */
export function amountBoundMinor(rule: AmountRule): number | null {
  const capMinor = rule.cap?.kind === 'fixed' ? rule.cap.amountMinor : null;
  if (rule.kind !== 'flat') return capMinor;
  const raised = rule.minimumMinor !== undefined && rule.amountMinor > 0 && rule.amountMinor < rule.minimumMinor ? rule.minimumMinor : rule.amountMinor;
  return capMinor === null ? raised : Math.min(raised, capMinor);
}

/** The cap an amount rule puts on this context, if any (for callers checking bounds). */
export function capFor(rule: AmountRule, context: AmountContext): number | null {
  if (!rule.cap) return null;
  return rule.cap.kind === 'fixed' ? rule.cap.amountMinor : baseMinor(rule.cap.base, context);
}
