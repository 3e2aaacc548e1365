import type { DerivationStep } from '@shared/policy/decision';
import { formatCalendarDate, formatMoney } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { formatDuration } from './value-labels';

export interface DerivationContext {
  currency: string;
  locale: string;
  /** Line id to its number, for per-line totals. */
  lineNumbers: ReadonlyMap<number, string>;
}

function monthName(month: string, locale: string): string {
  const [year, mm] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(year ?? 1970, (mm ?? 1) - 1, 1));
}

/** One line of words and numbers per step ("$65.00 monthly line rate / 29 days in February = $2.24 a day x 1 day = $2.24"). */
export function derivationLines(steps: readonly DerivationStep[], ctx: DerivationContext): string[] {
  const money = (minor: number) => formatMoney(minor, ctx.currency, ctx.locale);
  return steps.map((step) => {
    switch (step.kind) {
      case 'variant':
        return t('derivation.variant');
      case 'flat':
        return t('derivation.flat', { amount: money(step.amountMinor) });
      case 'flat_per_period':
        return t('derivation.flatPerPeriod', {
          amount: money(step.amountPerPeriodMinor),
          counting: t(`derivation.counting.${step.counting}`),
          hours: step.periodHours,
          duration: formatDuration(step.durationMinutes),
          periods: step.periods,
          total: money(step.totalMinor),
        });
      case 'share_of_monthly':
        return t('derivation.shareOfMonthly', {
          base: t(`derivation.baseTitle.${step.base}`),
          baseAmount: money(step.baseMinor),
          numerator: step.numerator,
          denominator: step.denominator,
          total: money(step.totalMinor),
          duration: formatDuration(step.durationMinutes),
          periods: step.periods,
          perPeriod: step.numeratorPerPeriod,
        });
      case 'daily_rate':
        return t(step.days === 1 ? 'derivation.dailyRateOne' : 'derivation.dailyRateOther', {
          baseAmount: money(step.monthlyRateMinor),
          base: t(`derivation.base.${step.base}`),
          daysInMonth: step.daysInMonth,
          month: monthName(step.month, ctx.locale),
          daily: money(step.dailyMinor),
          days: step.days,
          total: money(step.totalMinor),
        });
      case 'tiered_daily':
        return t('derivation.tieredDaily', {
          reportedOn: /^\d{4}-\d{2}-\d{2}$/.test(step.reportedOn) ? formatCalendarDate(step.reportedOn, ctx.locale) : step.reportedOn,
          days: step.days,
          tiers:
            step.tiers
              .map((tier) =>
                t('derivation.tieredDailyTier', {
                  from: tier.fromDay,
                  to: tier.toDay,
                  days: tier.days,
                  perDay: money(tier.perDayMinor),
                  flat: money(tier.flatMinor),
                  percent: tier.percentOfBase,
                }),
              )
              .join('; ') || t('derivation.tieredDailyNone'),
          total: money(step.totalMinor),
        });
      case 'minimum':
        return t('derivation.minimum', { before: money(step.beforeMinor), total: money(step.totalMinor) });
      case 'cap':
        return t('derivation.cap', { before: money(step.beforeMinor), total: money(step.totalMinor) });
      case 'sum_of_lines':
        return t('derivation.sumOfLines', {
          lines: step.lines.map((l) => `${money(l.amountMinor)} (${ctx.lineNumbers.get(l.lineId) ?? l.lineId})`).join(' + '),
          total: money(step.totalMinor),
        });
    }
  });
}
