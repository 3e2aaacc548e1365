import { describe, expect, it } from 'vitest';
import { amountBoundMinor, computeAmount, countPeriods } from './compute-amount';
import { AmountRule, type PeriodCounting } from './policy-schema';

const H = 3_600_000;

describe('countPeriods', () => {
  const started: PeriodCounting = { hours: 24, counting: 'started' };
  const full: PeriodCounting = { hours: 24, counting: 'full' };
  const after12h: PeriodCounting = { ...started, firstPeriodThreshold: { minutes: 720, inclusive: false } };
  const fullAfter12h: PeriodCounting = { ...full, firstPeriodThreshold: { minutes: 720, inclusive: true } };

  it.each([
    [started, 0, 0],
    [started, 1, 1],
    [started, 24, 1],
    [started, 24.01, 2],
    [started, 30, 2],
    [full, 23.99, 0],
    [full, 24, 1],
    [full, 47, 1],
    [full, 48, 2],
    [after12h, 12, 0],
    [after12h, 12.01, 1],
    [after12h, 26, 2],
    [fullAfter12h, 12, 1], // the threshold makes a partial first period count
    [fullAfter12h, 30, 1],
    [fullAfter12h, 11, 0],
  ])('%o over %f hours counts %i', (period, hours, expected) => {
    expect(countPeriods(Math.round(hours * H), period)).toBe(expected);
  });
});

describe('computeAmount', () => {
  const context = { accountMonthlyChargeMinor: 2000, lineMonthlyRateMinor: 6500, durationMs: 13 * H, outageStartsAt: '2024-02-22T08:45:00.000Z' };

  it('raises a positive amount to the minimum and says so', () => {
    const rule = AmountRule.parse({
      kind: 'share_of_monthly',
      base: 'account_monthly_charge',
      numeratorPerPeriod: 1,
      denominator: 30,
      period: { hours: 24, counting: 'started' },
      minimumMinor: 100,
    });
    const result = computeAmount(rule, context);
    expect(result.totalMinor).toBe(100);
    expect(result.steps.map((s) => s.kind)).toEqual(['share_of_monthly', 'minimum']);
    expect(result.steps[0]).toMatchObject({ baseMinor: 2000, periods: 1, numerator: 1, exactMinor: '66.6667', totalMinor: 67 });
  });

  it('does not turn nothing into the minimum', () => {
    const rule = AmountRule.parse({
      kind: 'share_of_monthly',
      base: 'account_monthly_charge',
      numeratorPerPeriod: 1,
      denominator: 30,
      period: { hours: 24, counting: 'full' },
      minimumMinor: 100,
    });
    expect(computeAmount(rule, context).totalMinor).toBe(0);
  });

  it('caps at the monthly rate after the minimum', () => {
    const rule = AmountRule.parse({
      kind: 'daily_rate',
      base: 'line_monthly_rate',
      minimumMinor: 100,
      cap: { kind: 'monthly_base', base: 'line_monthly_rate' },
    });
    const result = computeAmount(rule, { ...context, durationMs: 40 * 24 * H });
    expect(result.totalMinor).toBe(6500);
    expect(result.steps.at(-1)).toEqual({ kind: 'cap', beforeMinor: 8966, capMinor: 6500, capKind: 'monthly_base', totalMinor: 6500 });
  });

  it('derives a daily rate as the renderer words it: $65.00 / 29 days = $2.24 a day x 1 day', () => {
    const rule = AmountRule.parse({ kind: 'daily_rate', base: 'line_monthly_rate' });
    expect(computeAmount(rule, { ...context, durationMs: 3 * H }).steps).toEqual([
      {
        kind: 'daily_rate',
        base: 'line_monthly_rate',
        monthlyRateMinor: 6500,
        month: '2024-02',
        daysInMonth: 29,
        dailyMinor: 224,
        durationMinutes: 180,
        days: 1,
        exactMinor: '224.1379',
        totalMinor: 224,
      },
    ]);
  });

  it('counts one more day per further full 24 hours', () => {
    const rule = AmountRule.parse({ kind: 'daily_rate', base: 'line_monthly_rate' });
    const days = (hours: number) => {
      const step = computeAmount(rule, { ...context, durationMs: hours * H }).steps[0]!;
      return step.kind === 'daily_rate' ? step.days : -1;
    };
    expect([1, 23, 24, 47, 48, 71, 72].map(days)).toEqual([1, 1, 1, 1, 2, 2, 3]);
  });
});

describe('amountBoundMinor', () => {
  const contexts = [0, 1, 13, 49, 24 * 40].flatMap((hours) =>
    [0, 2000, 90_000].map((charge) => ({ accountMonthlyChargeMinor: charge, lineMonthlyRateMinor: charge, durationMs: hours * H, outageStartsAt: '2024-02-22T08:45:00.000Z' })),
  );
  const rules = [
    { kind: 'flat', amountMinor: 500 },
    { kind: 'flat', amountMinor: 50, minimumMinor: 100 },
    { kind: 'flat', amountMinor: 500, cap: { kind: 'fixed', amountMinor: 300 } },
    { kind: 'flat', amountMinor: 500, cap: { kind: 'monthly_base', base: 'account_monthly_charge' } },
    { kind: 'flat_per_period', amountMinor: 50, period: { hours: 24, counting: 'started' }, cap: { kind: 'fixed', amountMinor: 120 } },
    { kind: 'flat_per_period', amountMinor: 50, period: { hours: 24, counting: 'started' } },
    { kind: 'daily_rate', base: 'account_monthly_charge' },
  ].map((r) => AmountRule.parse(r));

  it('is the most computeAmount gives in any context, and is reached; null when the facts decide', () => {
    expect(rules.map(amountBoundMinor)).toEqual([500, 100, 300, 500, 120, null, null]);
    for (const rule of rules) {
      const bound = amountBoundMinor(rule);
      if (bound === null) continue;
      const totals = contexts.map((c) => computeAmount(rule, c).totalMinor);
      expect(Math.max(...totals)).toBe(bound);
    }
  });
});
