import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencies } from './account';
import {
  DEFAULT_OVERRIDE_SETTINGS,
  OverrideInput,
  OverrideSettings,
  OverrideSettingsAnyShape,
  overrideSettingsProblems,
  checkDecider,
  checkOverrideAgainstCredits,
  checkOverrideLimits,
  nextOverrideStatus,
  overdueFiledCutoff,
  overrideExpiresAt,
  overrideStatuses,
  type OverrideAction,
  type OverrideStatus,
} from './override';

const valid = {
  clientRequestId: '5b0d7a4e-8c1f-4e1a-9a57-2f0c1d9e0b11',
  accountNumber: '287100000002',
  outageId: 1,
  kind: 'goodwill',
  amountMinor: 500,
  reasonCode: 'excluded_segment_goodwill',
  justification: 'Prepaid customer lost service for twelve hours.',
  interactionRef: 'CALL-2024-0001',
};

describe('override status transitions', () => {
  const table: Array<[OverrideStatus, OverrideAction, OverrideStatus | null]> = [
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'withdraw', 'withdrawn'],
    ['pending', 'expire', 'expired'],
    ...(['approved', 'rejected', 'withdrawn', 'expired'] as const).flatMap((status) =>
      (['approve', 'reject', 'withdraw', 'expire'] as const).map((action): [OverrideStatus, OverrideAction, null] => [status, action, null]),
    ),
  ];
  it.each(table)('%s --%s--> %s', (from, action, to) => {
    expect(nextOverrideStatus(from, action)).toBe(to);
  });

  it('leaves every decided status final', () => {
    for (const status of overrideStatuses.filter((s) => s !== 'pending')) {
      for (const action of ['approve', 'reject', 'withdraw', 'expire'] as const) expect(nextOverrideStatus(status, action)).toBeNull();
    }
  });
});

describe('override input', () => {
  it('accepts a complete goodwill request', () => {
    expect(OverrideInput.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['a justification under 20 characters', { justification: 'too short reason' }, 'justification'],
    ['an amount of zero', { amountMinor: 0 }, 'amountMinor'],
    ['a fractional amount', { amountMinor: 4.5 }, 'amountMinor'],
    ['an amount over the hard ceiling', { amountMinor: 100_001 }, 'amountMinor'],
    ['an unknown reason code', { reasonCode: 'because' }, 'reasonCode'],
    ['an unknown kind', { kind: 'refund' }, 'kind'],
    ['an empty interaction reference', { interactionRef: '' }, 'interactionRef'],
    ['a non-uuid client request id', { clientRequestId: 'x' }, 'clientRequestId'],
  ])('refuses %s', (_name, change, path) => {
    const result = OverrideInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it.each([['operatorId', 7], ['status', 'approved'], ['requestedBy', 3]])('refuses the extra field %s', (field, value) => {
    expect(OverrideInput.safeParse({ ...valid, [field]: value }).success).toBe(false);
  });
});

describe('override limits', () => {
  const settings = DEFAULT_OVERRIDE_SETTINGS;
  it.each([
    [5_000, 0, null],
    [5_001, 0, 'over_request_cap'],
    [5_000, 15_000, null],
    [5_000, 15_001, 'over_daily_total'],
    [1, 20_000, 'over_daily_total'],
  ])('amount %i with %i approved today gives %s', (amountMinor, approvedUsd, expected) => {
    expect(checkOverrideLimits({ amountMinor, currency: 'USD', settings, agentApprovedToday: { USD: approvedUsd } })).toBe(expected);
  });

  it('counts the daily total per currency: euros approved today leave the dollar total untouched', () => {
    expect(checkOverrideLimits({ amountMinor: 5_000, currency: 'USD', settings, agentApprovedToday: { EUR: 19_000 } })).toBeNull();
    expect(checkOverrideLimits({ amountMinor: 5_000, currency: 'USD', settings, agentApprovedToday: { USD: 15_001, EUR: 0 } })).toBe('over_daily_total');
    expect(checkOverrideLimits({ amountMinor: 5_000, currency: 'EUR', settings, agentApprovedToday: { USD: 20_000, EUR: 15_000 } })).toBeNull();
    expect(checkOverrideLimits({ amountMinor: 5_000, currency: 'EUR', settings, agentApprovedToday: { USD: 0, EUR: 15_001 } })).toBe('over_daily_total');
  });
});

describe('override limits per currency', () => {
  const amount = fc.integer({ min: 1, max: 100_000 });
  const daily = fc.integer({ min: 1, max: 2_000_000 });
  const currency = fc.constantFrom(...currencies);
  const perCurrency = <T,>(a: fc.Arbitrary<T>) => fc.record({ USD: a, EUR: a });
  const limits = fc.record({ perRequestCapMinor: perCurrency(amount), agentDailyTotalMinor: perCurrency(daily), expiryDays: fc.constant(7) });

  it('checks a request against its own currency’s cap and total only, whatever the other currency’s are', () => {
    fc.assert(
      fc.property(limits, currency, amount, perCurrency(fc.integer({ min: 0, max: 2_000_000 })), (settings, c, amountMinor, approved) => {
        const verdict = checkOverrideLimits({ amountMinor, currency: c, settings, agentApprovedToday: approved });
        const expected = amountMinor > settings.perRequestCapMinor[c] ? 'over_request_cap' : approved[c] + amountMinor > settings.agentDailyTotalMinor[c] ? 'over_daily_total' : null;
        expect(verdict).toBe(expected);
        // Changing the other currency's limits and approvals never changes the verdict.
        const other = currencies.find((x) => x !== c)!;
        const moved = {
          ...settings,
          perRequestCapMinor: { ...settings.perRequestCapMinor, [other]: 1 },
          agentDailyTotalMinor: { ...settings.agentDailyTotalMinor, [other]: 1 },
        };
        expect(checkOverrideLimits({ amountMinor, currency: c, settings: moved, agentApprovedToday: { ...approved, [other]: 2_000_000 } })).toBe(expected);
      }),
    );
  });

  it('names exactly the currencies whose daily total is below their cap', () => {
    fc.assert(
      fc.property(limits, (settings) => {
        const below = overrideSettingsProblems(settings);
        for (const c of currencies) expect(below.includes(c)).toBe(settings.agentDailyTotalMinor[c] < settings.perRequestCapMinor[c]);
      }),
    );
  });

  it('needs an amount for every currency, and reads an older single amount as that amount in each currency', () => {
    expect(OverrideSettings.safeParse({ perRequestCapMinor: { USD: 5_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 20_000 }, expiryDays: 7 }).success).toBe(false);
    expect(OverrideSettings.safeParse({ perRequestCapMinor: 5_000, agentDailyTotalMinor: 20_000, expiryDays: 7 }).success).toBe(false);
    fc.assert(
      fc.property(amount, daily, (cap, total) => {
        expect(OverrideSettingsAnyShape.parse({ perRequestCapMinor: cap, agentDailyTotalMinor: total, expiryDays: 7 })).toEqual({
          perRequestCapMinor: { USD: cap, EUR: cap },
          agentDailyTotalMinor: { USD: total, EUR: total },
          expiryDays: 7,
        });
      }),
    );
  });
});

describe('overrides against existing credits', () => {
  it.each([
    ['goodwill', 500, 0, 0, null],
    ['goodwill', 500, 1, 500, 'already_credited'],
    ['adjust', 800, 1, 500, null],
    ['adjust', 500, 1, 500, 'amount_unchanged'],
    ['adjust', 800, 0, 0, 'no_credit_to_change'],
    ['reverse', 500, 1, 500, null],
    ['reverse', 400, 1, 500, 'reverse_amount_mismatch'],
    ['reverse', 500, 0, 0, 'no_credit_to_change'],
  ] as const)('%s of %i with %i live credits totalling %i gives %s', (kind, amount, count, total, expected) => {
    expect(checkOverrideAgainstCredits(kind, amount, { liveCreditCount: count, liveCreditMinor: total })).toBe(expected);
  });
});

describe('who decides', () => {
  it.each([
    ['supervisor', 2, 1, null],
    ['supervisor', 2, 2, 'own_request'],
    ['agent', 1, 2, 'wrong_role'],
    ['admin', 3, 1, 'wrong_role'],
  ])('%s %i deciding a request of %i gives %s', (role, decider, requester, expected) => {
    expect(checkDecider(role, decider, requester)).toBe(expected);
  });
});

describe('expiry', () => {
  const filed = '2024-03-01T10:00:00.000Z';
  it('expires a request filed on 1 March at 10:00 a week later to the millisecond', () => {
    expect(overrideExpiresAt(filed, 7)).toBe('2024-03-08T10:00:00.000Z');
    expect(filed <= overdueFiledCutoff(new Date('2024-03-08T09:59:59.999Z'), 7)).toBe(false);
    expect(filed <= overdueFiledCutoff(new Date('2024-03-08T10:00:00.000Z'), 7)).toBe(true);
  });

  it('finds a request overdue exactly when its shown expiry has come', () => {
    const instant = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 1, max: 90 }), (filedMs, nowMs, days) => {
        const createdAt = new Date(filedMs).toISOString();
        const now = new Date(nowMs);
        const overdue = createdAt <= overdueFiledCutoff(now, days);
        expect(overdue).toBe(nowMs >= Date.parse(overrideExpiresAt(createdAt, days)));
      }),
    );
  });

  it('leaves decided requests alone: only a pending one can expire', () => {
    for (const status of overrideStatuses) expect(nextOverrideStatus(status, 'expire') !== null).toBe(status === 'pending');
  });
});
