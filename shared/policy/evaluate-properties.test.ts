import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Line } from '../domain/account';
import type { Impact } from '../domain/outage';
import { capFor } from './compute-amount';
import { evaluateEligibility, type EligibilityInput } from './evaluate';
import { builtInPolicies } from './packs/built-in-policies';
import { baselineAccount, baselineOutage } from './packs/worked-example';
import { Policy, type AmountRule } from './policy-schema';

const MINUTE = 60_000;
const START = Date.parse('2024-02-22T08:45:00.000Z');

const threshold = fc.record({ minutes: fc.integer({ min: 0, max: 3000 }), inclusive: fc.boolean() });
const period = fc.record(
  {
    hours: fc.constantFrom(1, 12, 24),
    counting: fc.constantFrom('started' as const, 'full' as const),
    firstPeriodThreshold: fc.option(threshold, { nil: undefined }),
  },
);

function amountRule(unit: 'account' | 'line') {
  const base =
    unit === 'line'
      ? fc.constantFrom('account_monthly_charge' as const, 'line_monthly_rate' as const)
      : fc.constant('account_monthly_charge' as const);
  const bounds = {
    minimumMinor: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    cap: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('fixed' as const), amountMinor: fc.integer({ min: 2000, max: 50_000 }) }),
        base.map((b) => ({ kind: 'monthly_base' as const, base: b })),
      ),
      { nil: undefined },
    ),
    durationBasis: unit === 'line' ? fc.constantFrom('outage' as const, 'line_impact' as const) : fc.constant('outage' as const),
  };
  return fc.oneof(
    fc.record({ kind: fc.constant('flat' as const), amountMinor: fc.integer({ min: 0, max: 5000 }), ...bounds }),
    fc.record({ kind: fc.constant('flat_per_period' as const), amountMinor: fc.integer({ min: 0, max: 500 }), period, ...bounds }),
    fc.record(
      {
        kind: fc.constant('share_of_monthly' as const),
        base,
        numeratorPerPeriod: fc.integer({ min: 1, max: 3 }),
        denominator: fc.constantFrom(7, 29, 30, 31),
        period,
        ...bounds,
      },
    ),
    fc.record(
      {
        kind: fc.constant('daily_rate' as const),
        base,
        baseDays: fc.integer({ min: 1, max: 3 }),
        extraDayPerFullHours: fc.constantFrom(12, 24),
        ...bounds,
      },
    ),
  );
}

const generatedPolicy = fc.constantFrom('account' as const, 'line' as const).chain((unit) =>
  fc
    .record({
      amount: amountRule(unit),
      minDuration: fc.option(threshold, { nil: undefined }),
      minConsecutiveMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    })
    .map(({ amount, minDuration, minConsecutiveMinutes }) =>
      Policy.safeParse({
        code: 'generated',
        version: 1,
        name: 'generated',
        currency: 'USD',
        unit,
        outage: { minDuration, excludedCauses: [] },
        line: { impactRequired: unit === 'line', minConsecutiveMinutes },
        amount,
        delivery: { mode: 'automatic', postWithinCycles: 2 },
      }),
    )
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data!),
);

const anyPolicy = fc.oneof(fc.constantFrom(...builtInPolicies.map((p) => Policy.parse(p))), generatedPolicy);

interface Scenario {
  input: EligibilityInput;
  durationMinutes: number;
}

function buildInput(
  policy: Policy,
  paymentType: 'postpaid' | 'prepaid',
  monthlyChargeMinor: number,
  lineSpecs: { rate: number; lost: number | null; connected: boolean }[],
  durationMinutes: number,
  startOffsetMinutes: number,
): EligibilityInput {
  const start = START + startOffsetMinutes * MINUTE;
  const startsAt = new Date(start).toISOString();
  const lines: Line[] = lineSpecs.map((spec, i) => ({
    id: 2001 + i,
    numberE164: `+1214555${String(1000 + i)}`,
    serviceType: 'wireless_voice',
    monthlyRateMinor: spec.rate,
    status: 'active',
  }));
  const impacts: Impact[] = lineSpecs.flatMap((spec, i) =>
    spec.lost === null
      ? []
      : [
          {
            lineId: 2001 + i,
            outageId: baselineOutage.id,
            startsAt,
            endsAt: new Date(start + Math.min(spec.lost, durationMinutes) * MINUTE).toISOString(),
            lostMinutes: Math.min(spec.lost, durationMinutes),
            connectedAtStart: spec.connected,
          },
        ],
  );
  return {
    account: { ...baselineAccount, paymentType, monthlyChargeMinor },
    lines,
    outage: {
      ...baselineOutage,
      subscribersAffected: 5000,
      regions: ['NY'],
      startsAt,
      endsAt: new Date(start + durationMinutes * MINUTE).toISOString(),
    },
    impacts,
    policy,
    existingCredits: [],
    asOf: '2030-01-01T00:00:00.000Z',
  };
}

const lineSpec = fc.record({
  rate: fc.integer({ min: 0, max: 20_000 }),
  lost: fc.option(fc.integer({ min: 0, max: 60 * 24 * 40 }), { nil: null }),
  connected: fc.boolean(),
});

const scenarioParts = fc.record({
  policy: anyPolicy,
  paymentType: fc.constantFrom('postpaid' as const, 'prepaid' as const),
  monthlyChargeMinor: fc.integer({ min: 0, max: 50_000 }),
  lines: fc.array(lineSpec, { minLength: 0, maxLength: 4 }),
  durationMinutes: fc.integer({ min: 0, max: 60 * 24 * 40 }),
  startOffsetMinutes: fc.integer({ min: 0, max: 60 * 24 * 365 * 4 }),
  // The policy region rule of ny-psc-24h and the country of the NL pack: vary the account too.
  dutch: fc.boolean(),
});

const scenario: fc.Arbitrary<Scenario> = scenarioParts.map((p) => {
  const input = buildInput(p.policy, p.paymentType, p.monthlyChargeMinor, p.lines, p.durationMinutes, p.startOffsetMinutes);
  input.account = p.dutch
    ? { ...input.account, country: 'NL', currency: 'EUR', region: 'NH' }
    : { ...input.account, region: 'NY' };
  return { input, durationMinutes: p.durationMinutes };
});

/** The amount rule and the base amounts that bound one subject's credit. */
function boundsOf(input: EligibilityInput, lineRate: number | null) {
  const rule: AmountRule =
    input.account.paymentType === 'prepaid' && input.policy.prepaidAmount ? input.policy.prepaidAmount : input.policy.amount;
  const cap = capFor(rule, {
    accountMonthlyChargeMinor: input.account.monthlyChargeMinor,
    lineMonthlyRateMinor: lineRate,
    durationMs: 0,
    outageStartsAt: input.outage.startsAt,
  });
  return { cap, minimum: rule.minimumMinor };
}

function subjects(input: EligibilityInput) {
  const decision = evaluateEligibility(input);
  if (decision.unit === 'account') return [{ status: decision.status, amountMinor: decision.amountMinor, rate: null }];
  return decision.perLine.map((l) => ({
    status: l.status,
    amountMinor: l.amountMinor,
    rate: input.lines.find((line) => line.id === l.lineId)!.monthlyRateMinor,
  }));
}

const runs = { numRuns: 300 };

describe('eligibility properties', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an amount is never negative', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const decision = evaluateEligibility(input);
        expect(decision.amountMinor).toBeGreaterThanOrEqual(0);
        for (const line of decision.perLine) expect(line.amountMinor).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it('an amount is never above its cap', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        for (const subject of subjects(input)) {
          const { cap } = boundsOf(input, subject.rate);
          if (cap !== null) expect(subject.amountMinor).toBeLessThanOrEqual(cap);
        }
      }),
      runs,
    );
  });

  it('an eligible amount is never below its minimum (unless the cap is lower)', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        for (const subject of subjects(input)) {
          if (subject.status !== 'eligible') continue;
          const { cap, minimum } = boundsOf(input, subject.rate);
          if (minimum === undefined) continue;
          expect(subject.amountMinor).toBeGreaterThanOrEqual(Math.min(minimum, cap ?? minimum));
        }
      }),
      runs,
    );
  });

  it('a longer outage never gives a smaller amount', () => {
    fc.assert(
      fc.property(scenarioParts, fc.integer({ min: 0, max: 60 * 24 * 10 }), (p, extra) => {
        const shorter = buildInput(p.policy, p.paymentType, p.monthlyChargeMinor, p.lines, p.durationMinutes, p.startOffsetMinutes);
        const longerLines = p.lines.map((l) => ({ ...l, lost: l.lost === null ? null : l.lost + extra }));
        const longer = buildInput(
          p.policy,
          p.paymentType,
          p.monthlyChargeMinor,
          longerLines,
          p.durationMinutes + extra,
          p.startOffsetMinutes,
        );
        const before = evaluateEligibility(shorter);
        const after = evaluateEligibility(longer);
        expect(after.amountMinor).toBeGreaterThanOrEqual(before.amountMinor);
        for (const line of before.perLine) {
          const same = after.perLine.find((l) => l.lineId === line.lineId)!;
          expect(same.amountMinor).toBeGreaterThanOrEqual(line.amountMinor);
        }
      }),
      runs,
    );
  });

  it('a per-line account total is the sum of its lines', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const decision = evaluateEligibility(input);
        if (decision.unit !== 'line') return;
        const sum = decision.perLine.reduce((total, l) => total + l.amountMinor, 0);
        expect(decision.amountMinor).toBe(sum);
        const step = decision.derivation.at(-1);
        expect(step?.kind === 'sum_of_lines' ? step.totalMinor : null).toBe(sum);
      }),
      runs,
    );
  });

  it('is deterministic and never reads the clock', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        vi.useFakeTimers();
        vi.setSystemTime(new Date('2001-01-01T00:00:00.000Z'));
        const first = evaluateEligibility(structuredClone(input));
        vi.setSystemTime(new Date('2099-12-31T23:59:59.000Z'));
        const second = evaluateEligibility(structuredClone(input));
        vi.useRealTimers();
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('does not change its input', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const copy = structuredClone(input);
        evaluateEligibility(input);
        expect(input).toEqual(copy);
      }),
      { numRuns: 100 },
    );
  });
});
