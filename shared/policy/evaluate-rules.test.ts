import { describe, expect, it } from 'vitest';
import type { Credit } from '../domain/credit';
import type { RuleCode, RuleOutcome } from './decision';
import { evaluateEligibility, type EligibilityInput } from './evaluate';
import { baselineAccount, baselineLine, baselineOutage } from './packs/worked-example';
import { Policy, type PolicyInput } from './policy-schema';

/** A policy that switches on every rule, per line or per account. */
function strictPolicy(unit: 'account' | 'line'): Policy {
  const input: PolicyInput = {
    code: 'test-strict',
    version: 3,
    name: 'every rule on',
    currency: 'USD',
    unit,
    inclusion: {
      brands: ['att'],
      segments: ['consumer'],
      paymentTypes: ['postpaid'],
      accountStatuses: ['active'],
      countries: ['US'],
      regions: ['TX'],
      serviceTypes: ['wireless_voice'],
      lineStatuses: ['active'],
    },
    outage: {
      minDuration: { minutes: 60, inclusive: true },
      minTowers: 10,
      minSubscribers: 100,
      excludedCauses: ['weather'],
    },
    line: { impactRequired: true, minConsecutiveMinutes: 60, connectedAtStart: true },
    amount:
      unit === 'line'
        ? { kind: 'daily_rate', base: 'line_monthly_rate', durationBasis: 'line_impact' }
        : { kind: 'share_of_monthly', base: 'account_monthly_charge', numeratorPerPeriod: 1, denominator: 30, period: { hours: 24, counting: 'started' } },
    delivery: { mode: 'automatic', postWithinCycles: 2 },
  };
  return Policy.parse(input);
}

function passingInput(unit: 'account' | 'line'): EligibilityInput {
  return {
    account: { ...baselineAccount },
    lines: [{ ...baselineLine }],
    outage: { ...baselineOutage },
    impacts: [
      {
        lineId: baselineLine.id,
        outageId: baselineOutage.id,
        startsAt: baselineOutage.startsAt,
        endsAt: baselineOutage.endsAt,
        lostMinutes: 600,
        connectedAtStart: true,
      },
    ],
    policy: strictPolicy(unit),
    existingCredits: [],
    asOf: '2024-02-23T12:00:00.000Z',
  };
}

function outcomeOf(input: EligibilityInput, code: RuleCode): RuleOutcome | undefined {
  const decision = evaluateEligibility(input);
  const all = [...decision.rules, ...decision.perLine.flatMap((l) => l.rules)];
  return all.find((r) => r.code === code)?.outcome;
}

/** The rule, how to break it, and (when several cases break one rule) what was broken. */
type Case = [RuleCode, (input: EligibilityInput) => void, string?];

const credit: Credit = {
  id: 'cr-9',
  accountId: baselineAccount.id,
  lineId: null,
  outageId: baselineOutage.id,
  policyCode: 'test-strict',
  policyVersion: 1,
  amountMinor: 300,
  currency: 'USD',
  source: 'automatic',
  status: 'scheduled',
  scheduledOn: '2024-02-23',
  billDate: '2024-03-15',
  idempotencyKey: '',
};

const sharedCases: Case[] = [
  ['brand_included', (i) => void (i.account.brand = 'cricket')],
  ['segment_included', (i) => void (i.account.segment = 'business')],
  ['payment_type_included', (i) => void (i.account.paymentType = 'prepaid')],
  ['account_status_included', (i) => void (i.account.status = 'suspended')],
  ['country_included', (i) => void (i.account.country = 'NL')],
  ['region_included', (i) => void (i.account.region = 'CA')],
  ['currency_supported', (i) => void (i.account.currency = 'EUR')],
  ['outage_min_duration', (i) => void (i.outage.endsAt = '2024-02-22T09:30:00.000Z')],
  ['outage_min_towers', (i) => void (i.outage.towersAffected = 9)],
  ['outage_min_subscribers', (i) => void (i.outage.subscribersAffected = 99)],
  ['cause_not_excluded', (i) => void (i.outage.cause = 'weather')],
];

/** What a line must be or have suffered; per account, a line failing them leaves no affected line. */
const perLineCases: Case[] = [
  ['line_service_type_included', (i) => void (i.lines[0]!.serviceType = 'home_internet')],
  ['line_status_included', (i) => void (i.lines[0]!.status = 'suspended')],
  ['line_impact_required', (i) => void (i.impacts = [])],
  ['line_min_consecutive_minutes', (i) => void (i.impacts[0]!.lostMinutes = 59)],
  ['line_connected_at_start', (i) => void (i.impacts[0]!.connectedAtStart = false)],
];

const lineCases: Case[] = [
  ...perLineCases,
  ['has_lines', (i) => void (i.lines = [])],
  ['amount_positive', (i) => void (i.lines[0]!.monthlyRateMinor = 0)],
  [
    'not_already_credited',
    (i) => void (i.existingCredits = [{ ...credit, lineId: baselineLine.id, idempotencyKey: 'line:2001|outage:301|policy:test-strict' }]),
  ],
];

const accountCases: Case[] = [
  ['service_type_included', (i) => void (i.lines[0]!.serviceType = 'home_internet')],
  ...perLineCases.map(([lineCode, mutate]): Case => ['affected_line_exists', mutate, `via ${lineCode}`]),
  ['amount_positive', (i) => void (i.account.monthlyChargeMinor = 0)],
  ['not_already_credited', (i) => void (i.existingCredits = [{ ...credit, idempotencyKey: 'account:1001|outage:301|policy:test-strict' }])],
];

describe.each(['line', 'account'] as const)('rules of a per-%s policy', (unit) => {
  const cases = [...sharedCases, ...(unit === 'line' ? lineCases : accountCases)];

  it('all pass on the baseline, which is eligible', () => {
    const decision = evaluateEligibility(passingInput(unit));
    expect(decision.status).toBe('eligible');
    const outcomes = [...decision.rules, ...decision.perLine.flatMap((l) => l.rules)].map((r) => r.outcome);
    expect(outcomes).not.toContain('fail');
    expect(outcomes).not.toContain('unknown');
  });

  it.each(cases.map(([code, mutate, via]) => [code, via ?? '', mutate] as const))(
    '%s passes on the baseline and fails when broken %s',
    (code, _via, mutate) => {
    expect(outcomeOf(passingInput(unit), code)).toBe('pass');
    const input = passingInput(unit);
    mutate(input);
    expect(outcomeOf(input, code)).toBe('fail');
    const decision = evaluateEligibility(input);
    expect(decision.status).toBe(code === 'not_already_credited' ? 'already_credited' : 'not_eligible');
    expect(decision.amountMinor).toBe(0);
    if (code !== 'not_already_credited') expect(decision.whatWouldChange.map((c) => c.code)).toContain(code);
    },
  );
});

describe('rule codes and outcomes', () => {
  it('lists every rule in a stable order, account rules before line rules', () => {
    const decision = evaluateEligibility(passingInput('line'));
    expect(decision.rules.map((r) => r.code)).toEqual([
      'brand_included',
      'segment_included',
      'payment_type_included',
      'account_status_included',
      'country_included',
      'region_included',
      'currency_supported',
      'outage_min_duration',
      'outage_min_towers',
      'outage_min_subscribers',
      'cause_not_excluded',
      'outage_ended',
      'policy_in_effect',
      'fault_report_recorded',
      'claim_registered',
      'claim_window_open',
      'has_lines',
    ]);
    expect(decision.perLine[0]!.rules.map((r) => r.code)).toEqual([
      'line_service_type_included',
      'line_status_included',
      'line_impact_required',
      'line_min_consecutive_minutes',
      'line_connected_at_start',
      'line_impact_ended',
      'amount_positive',
      'not_already_credited',
    ]);
  });

  it('says what would have to be different, with the required values', () => {
    const input = passingInput('line');
    input.account.paymentType = 'prepaid';
    input.impacts[0]!.lostMinutes = 30;
    expect(evaluateEligibility(input).whatWouldChange).toEqual([
      { code: 'payment_type_included', lineId: null, required: { paymentType: ['postpaid'] } },
      { code: 'line_min_consecutive_minutes', lineId: 2001, required: { minConsecutiveMinutes: 60 } },
    ]);
  });

  it('a rule the policy does not set is not applicable', () => {
    const input = passingInput('line');
    input.policy = Policy.parse({ ...strictPolicy('line'), inclusion: {} });
    input.account.brand = 'cricket';
    expect(outcomeOf(input, 'brand_included')).toBe('not_applicable');
  });

  it('needs review when the tower count is missing', () => {
    const input = passingInput('line');
    input.outage.towersAffected = null;
    expect(outcomeOf(input, 'outage_min_towers')).toBe('unknown');
    expect(evaluateEligibility(input).status).toBe('needs_review');
  });

  it('predicts the bills after the evaluation date', () => {
    const decision = evaluateEligibility(passingInput('account'));
    // Evaluated 23 Feb 2024, bill cycle day 15: next bill 15 Mar, at the latest 15 Apr.
    expect(decision.predictedPosting).toEqual({ earliest: '2024-03-15', latest: '2024-04-15' });
  });

  it('never predicts a bill before the outage ended, even when evaluated earlier', () => {
    const input = passingInput('account');
    input.outage.startsAt = '2024-05-20T08:00:00.000Z';
    input.outage.endsAt = '2024-05-20T20:00:00.000Z';
    input.impacts = input.impacts.map((i) => ({ ...i, startsAt: input.outage.startsAt, endsAt: input.outage.endsAt }));
    const decision = evaluateEligibility(input);
    expect(decision.status).toBe('eligible');
    expect(decision.predictedPosting).toEqual({ earliest: '2024-06-15', latest: '2024-07-15' });
  });

  it('a failed rule wins over missing data', () => {
    const input = passingInput('line');
    input.outage.towersAffected = null;
    input.account.brand = 'cricket';
    expect(evaluateEligibility(input).status).toBe('not_eligible');
  });

  it('needs review when the outage is ongoing and the amount depends on its end', () => {
    const input = passingInput('account');
    input.outage.endsAt = null;
    const decision = evaluateEligibility(input);
    expect(decision.rules.find((r) => r.code === 'outage_ended')?.outcome).toBe('unknown');
    expect(decision.status).toBe('needs_review');
    expect(decision.predictedPosting).toBeNull();
    expect(decision.overridePossible).toEqual({ possible: true, reason: 'manual_review' });
  });

  it('needs review, not a new credit, when the only credit under the key was reversed', () => {
    const input = passingInput('account');
    input.existingCredits = [{ ...credit, status: 'reversed', idempotencyKey: 'account:1001|outage:301|policy:test-strict' }];
    const decision = evaluateEligibility(input);
    expect(decision.status).toBe('needs_review');
    expect(decision.existingCreditIds).toEqual(['cr-9']);
    expect(decision.creditedMinor).toBe(0);
  });

  it('links the existing credit when already credited, whatever the policy version', () => {
    const input = passingInput('account');
    input.existingCredits = [{ ...credit, policyVersion: 1, idempotencyKey: 'account:1001|outage:301|policy:test-strict' }];
    const decision = evaluateEligibility(input);
    expect(decision.status).toBe('already_credited');
    expect(decision.existingCreditIds).toEqual(['cr-9']);
    expect(decision.creditedMinor).toBe(300);
    expect(decision.overridePossible).toEqual({ possible: true, reason: 'adjust_or_reverse_existing_credit' });
  });

  it('ignores credits for another outage or policy', () => {
    const input = passingInput('account');
    input.existingCredits = [{ ...credit, idempotencyKey: 'account:1001|outage:302|policy:test-strict' }];
    expect(evaluateEligibility(input).status).toBe('eligible');
  });

  it('offers no override on a closed account', () => {
    const input = passingInput('account');
    input.account.status = 'closed';
    expect(evaluateEligibility(input).overridePossible).toEqual({ possible: false, reason: 'account_closed' });
  });

  it('offers a goodwill override when not eligible', () => {
    const input = passingInput('account');
    input.account.brand = 'cricket';
    expect(evaluateEligibility(input).overridePossible).toEqual({ possible: true, reason: 'goodwill_request' });
  });
});
