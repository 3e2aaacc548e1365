import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account, Line } from '../domain/account';
import { idempotencyKey, type Credit } from '../domain/credit';
import type { Impact, Outage } from '../domain/outage';
import { createAutomaticCreditEvaluator, needsLineDetails, type AutomaticCredit } from './automatic-credits';
import type { Decision } from './decision';
import { evaluateEligibility } from './evaluate';
import { builtInPolicies } from './packs/built-in-policies';
import { baselineAccount, baselineOutage } from './packs/worked-example';
import { Policy } from './policy-schema';
import { creditFamily, EMPTY_FAMILY, familyGetsNothingMore, isInFamily, settledAtMinor } from './revision-adjustment';

const MINUTE = 60_000;
const START = Date.parse('2024-02-22T08:45:00.000Z');

/** What a policy run writes from the explained decision (the path the fast one replaces). */
export function creditsFromDecision(decision: Decision) {
  const billDate = decision.predictedPosting?.earliest ?? '';
  const adjustments = decision.adjustments
    .filter((a) => a.deltaMinor !== 0)
    .map((a) => ({ lineId: a.lineId, idempotencyKey: a.idempotencyKey, kind: 'adjustment' as const, amountMinor: a.deltaMinor, billDate }));
  if (decision.unit === 'account') {
    const initial =
      decision.status === 'eligible' && decision.amountMinor > 0 && decision.idempotencyKey !== null
        ? [{ lineId: null, idempotencyKey: decision.idempotencyKey, kind: 'initial' as const, amountMinor: decision.amountMinor, billDate }]
        : [];
    return [...initial, ...adjustments];
  }
  // In line order, each line's initial credit or adjustment.
  return decision.perLine.flatMap((line): AutomaticCredit[] => {
    if (line.status === 'eligible' && line.amountMinor > 0) {
      return [{ lineId: line.lineId, idempotencyKey: line.idempotencyKey, kind: 'initial' as const, amountMinor: line.amountMinor, billDate }];
    }
    return adjustments.filter((a) => a.lineId === line.lineId);
  });
}

/** The family lookup a run gives the evaluator, over a list of stored credits. */
export function familiesOf(credits: readonly Credit[], revision: number) {
  return (baseKey: string) => creditFamily(credits, baseKey, revision);
}

const packs = builtInPolicies.map((p) => Policy.parse(p));

/** Built-in packs, also with their inclusion, outage and line requirements loosened or tightened. */
const policy = fc
  .record({
    pack: fc.constantFrom(...packs),
    unit: fc.option(fc.constantFrom('account' as const, 'line' as const), { nil: undefined }),
    dropInclusion: fc.boolean(),
    lineStatuses: fc.option(fc.subarray(['active', 'suspended', 'closed'] as const), { nil: undefined }),
    minTowers: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
    minConsecutiveMinutes: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    connectedAtStart: fc.option(fc.boolean(), { nil: undefined }),
    clawback: fc.boolean(),
  })
  .map((p) => {
    const parsed = Policy.safeParse({
      ...p.pack,
      unit: p.unit ?? p.pack.unit,
      revisions: { clawback: p.clawback },
      inclusion: p.dropInclusion ? {} : { ...p.pack.inclusion, lineStatuses: p.lineStatuses ?? p.pack.inclusion.lineStatuses },
      outage: { ...p.pack.outage, minTowers: p.minTowers ?? p.pack.outage.minTowers },
      line: {
        ...p.pack.line,
        minConsecutiveMinutes: p.minConsecutiveMinutes ?? p.pack.line.minConsecutiveMinutes,
        connectedAtStart: p.connectedAtStart ?? p.pack.line.connectedAtStart,
      },
    });
    return parsed.success ? parsed.data : p.pack;
  });

const line = fc.record({
  serviceType: fc.constantFrom('wireless_voice' as const, 'wireless_data' as const, 'home_internet' as const, 'fixed_voice' as const),
  status: fc.constantFrom('active' as const, 'suspended' as const, 'closed' as const),
  rate: fc.integer({ min: 0, max: 20_000 }),
  impacts: fc.array(
    fc.record({
      offset: fc.integer({ min: 0, max: 600 }),
      lost: fc.option(fc.integer({ min: 0, max: 60 * 24 * 3 }), { nil: null }),
      connected: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  credited: fc.constantFrom('none' as const, 'scheduled' as const, 'reversed' as const),
  creditedMinor: fc.integer({ min: 0, max: 10_000 }),
  adjusted: fc.boolean(),
});

const scenario = fc.record({
  policy,
  account: fc.record({
    brand: fc.constantFrom('att' as const, 'cricket' as const),
    segment: fc.constantFrom('consumer' as const, 'business' as const),
    paymentType: fc.constantFrom('postpaid' as const, 'prepaid' as const),
    status: fc.constantFrom('active' as const, 'suspended' as const, 'closed' as const),
    dutch: fc.boolean(),
    billCycleDay: fc.integer({ min: 1, max: 28 }),
    monthlyChargeMinor: fc.integer({ min: 0, max: 30_000 }),
    credited: fc.constantFrom('none' as const, 'scheduled' as const, 'reversed' as const),
    creditedMinor: fc.integer({ min: 0, max: 10_000 }),
    adjusted: fc.boolean(),
  }),
  revision: fc.integer({ min: 1, max: 3 }),
  lines: fc.array(line, { maxLength: 4 }),
  durationMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 4 }), { nil: null }),
  towers: fc.integer({ min: 0, max: 30_000 }),
  asOfOffsetMinutes: fc.integer({ min: 0, max: 60 * 24 * 60 }),
});

describe('automatic credits (the policy run fast path)', () => {
  it('gives exactly the credits the explained decision makes eligible, with the same keys, amounts and bill dates', () => {
    let withCredits = 0;
    const statuses = new Set<string>();
    let withAdjustments = 0;
    let skippable = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const account: Account = {
          ...baselineAccount,
          id: 41,
          brand: s.account.brand,
          segment: s.account.segment,
          paymentType: s.account.paymentType,
          status: s.account.status,
          billCycleDay: s.account.billCycleDay,
          monthlyChargeMinor: s.account.monthlyChargeMinor,
          ...(s.account.dutch ? { country: 'NL', currency: 'EUR', region: 'NH' } : { country: 'US', currency: 'USD', region: 'NY' }),
        };
        const outage: Outage = {
          ...baselineOutage,
          startsAt: new Date(START).toISOString(),
          endsAt: s.durationMinutes === null ? null : new Date(START + s.durationMinutes * MINUTE).toISOString(),
          towersAffected: s.towers,
          subscribersAffected: 5000,
          revision: s.revision,
        };
        const lines: Line[] = s.lines.map((l, i) => ({
          id: 700 + i,
          numberE164: '',
          serviceType: l.serviceType,
          monthlyRateMinor: l.rate,
          status: l.status,
        }));
        const impacts: Impact[] = s.lines.flatMap((l, i) =>
          l.impacts.map((imp) => ({
            lineId: 700 + i,
            outageId: outage.id,
            startsAt: new Date(START + imp.offset * MINUTE).toISOString(),
            endsAt: imp.lost === null ? null : new Date(START + (imp.offset + imp.lost) * MINUTE).toISOString(),
            lostMinutes: imp.lost ?? 30,
            connectedAtStart: imp.connected,
          })),
        );
        const existing: Credit[] = [];
        const credit = (status: 'scheduled' | 'reversed', lineId: number | null, amountMinor: number, suffix = ''): Credit => ({
          id: `c${existing.length}`,
          accountId: account.id,
          lineId,
          outageId: outage.id,
          policyCode: s.policy.code,
          policyVersion: 1,
          amountMinor,
          currency: account.currency,
          source: 'automatic',
          status,
          scheduledOn: '2024-03-01',
          billDate: '2024-03-15',
          idempotencyKey: idempotencyKey({ accountId: account.id, lineId, outageId: outage.id, policyCode: s.policy.code }) + suffix,
        });
        // A first credit, and sometimes the adjustment of an earlier revision (or of this one).
        const give = (state: 'none' | 'scheduled' | 'reversed', lineId: number | null, amountMinor: number, adjusted: boolean) => {
          if (state === 'none') return;
          existing.push(credit(state, lineId, amountMinor));
          if (adjusted) existing.push(credit('scheduled', lineId, 50, `|rev:${s.revision === 1 ? 1 : s.revision - 1}`));
        };
        give(s.account.credited, null, s.account.creditedMinor, s.account.adjusted);
        s.lines.forEach((l, i) => give(l.credited, 700 + i, l.creditedMinor, l.adjusted));
        const asOf = new Date(START + s.asOfOffsetMinutes * MINUTE).toISOString();

        const decision = evaluateEligibility({ account, lines, outage, impacts, policy: s.policy, existingCredits: existing, asOf });
        const lineIds = new Set(lines.map((l) => l.id));
        const hasImpact = impacts.some((i) => lineIds.has(i.lineId));
        const result = createAutomaticCreditEvaluator(s.policy, outage, asOf)({
          account,
          lines,
          impacts,
          hasImpact,
          family: familiesOf(existing, s.revision),
        });
        const fast = result.credits;
        expect(fast).toEqual(creditsFromDecision(decision));
        // The run's breakdown by outcome counts each account under the engine's status.
        expect(result.status).toBe(decision.status);
        statuses.add(result.status);
        // A subject the run skips without reading its facts (familyGetsNothingMore) gets nothing
        // here either, and is already credited: a skipped account is counted as such.
        const settledAt = settledAtMinor(s.policy);
        for (const lineId of [null, ...lines.map((l) => l.id)]) {
          const key = idempotencyKey({ accountId: account.id, lineId, outageId: outage.id, policyCode: s.policy.code });
          if (!familyGetsNothingMore(familiesOf(existing, s.revision)(key), settledAt)) continue;
          skippable += 1;
          expect(fast.filter((c) => isInFamily(c.idempotencyKey, key))).toEqual([]);
          if (s.policy.unit === 'account' && lineId === null) expect(result.status).toBe('already_credited');
        }
        if (fast.length > 0) withCredits += 1;
        if (fast.some((c) => c.kind === 'adjustment')) withAdjustments += 1;
        if (!needsLineDetails(s.policy)) {
          // One placeholder line per service type and no impacts: what a run reads then.
          const summarized = [...new Set(lines.map((l) => l.serviceType))].map((serviceType) => ({
            id: 1,
            numberE164: '',
            serviceType,
            monthlyRateMinor: 0,
            status: 'closed' as const,
          }));
          const fromSummary = createAutomaticCreditEvaluator(s.policy, outage, asOf)({
            account,
            lines: summarized,
            impacts: [],
            hasImpact,
            family: familiesOf(existing, s.revision),
          });
          expect(fromSummary).toEqual(result);
        }
      }),
      { numRuns: 5000 },
    );
    // The agreement must also cover eligible subjects, not only empty results.
    expect(withCredits).toBeGreaterThan(100);
    expect(withAdjustments).toBeGreaterThan(20);
    expect([...statuses].sort()).toEqual(['already_credited', 'eligible', 'needs_review', 'not_eligible']);
    expect(skippable).toBeGreaterThan(500);
  });

  it('lets a run skip a subject only when it has a live credit and nothing can be added: reversed, this revision settled, or the most the policy gives is live', () => {
    const flat = packs.find((p) => p.code === 'att-2024-02-make-it-right')!;
    expect(settledAtMinor(flat)).toBe(500);
    expect(settledAtMinor({ ...flat, revisions: { clawback: true } })).toBeNull();
    const family = (credits: Array<[string, string, number]>) =>
      creditFamily(credits.map(([idempotencyKey, status, amountMinor]) => ({ idempotencyKey, status, amountMinor })), 'k', 2);
    expect(familyGetsNothingMore(EMPTY_FAMILY, 500)).toBe(false);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 499]]), 500)).toBe(false);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 500]]), 500)).toBe(true);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 500]]), null)).toBe(false);
    // Reversed only: nothing is written, but whether it needs review depends on the facts.
    expect(familyGetsNothingMore(family([['k', 'reversed', 500]]), null)).toBe(false);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 100], ['k|rev:1', 'reversed', 50]]), null)).toBe(true);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 100], ['k|rev:2', 'scheduled', 0]]), null)).toBe(true);
    expect(familyGetsNothingMore(family([['k', 'scheduled', 100], ['k|rev:1', 'scheduled', 50]]), 500)).toBe(false);
  });

  it('finds eligible credits in the generated scenarios, so the agreement is not only on empty results', () => {
    const pack = packs.find((p) => p.code === 'att-2024-02-make-it-right')!;
    const outage: Outage = { ...baselineOutage, subscribersAffected: 5000 };
    const { credits, status } = createAutomaticCreditEvaluator(pack, outage, '2024-03-04T15:00:00.000Z')({
      account: baselineAccount,
      lines: [{ id: 1, numberE164: '', serviceType: 'wireless_voice', monthlyRateMinor: 6500, status: 'active' }],
      impacts: [],
      hasImpact: false,
      family: () => EMPTY_FAMILY,
    });
    expect(credits).toEqual([
      {
        lineId: null,
        idempotencyKey: idempotencyKey({ accountId: baselineAccount.id, outageId: outage.id, policyCode: pack.code }),
        kind: 'initial',
        amountMinor: 500,
        billDate: expect.stringMatching(/^2024-03-/),
      },
    ]);
    expect(status).toBe('eligible');
  });
});
