import { describe, expect, it } from 'vitest';
import {
  agentRateFlag,
  DEFAULT_PATTERN_THRESHOLDS as T,
  isNearCap,
  nearCapFlag,
  patternFlags,
  PatternThresholds,
  repeatAccountFlag,
  repeatCustomerFlag,
  type PatternRequest,
} from './override-patterns';

const FILED = '2024-03-14T15:00:00.000Z';
const H = 3_600_000;
let serial = 0;
/** A request filed `hoursBefore` hours before the one under examination. */
function req(hoursBefore: number, over: Partial<PatternRequest> = {}): PatternRequest {
  serial += 1;
  return { id: `r${serial}`, accountId: 1, amountMinor: 1_000, kind: 'goodwill', createdAt: new Date(Date.parse(FILED) - hoursBefore * H).toISOString(), ...over };
}
const times = (n: number, hoursBefore: (i: number) => number, over: Partial<PatternRequest> = {}) => Array.from({ length: n }, (_, i) => req(hoursBefore(i), over));
const self = req(0);

describe('pattern thresholds', () => {
  it('has defaults that are valid settings', () => {
    expect(PatternThresholds.parse(T)).toEqual(T);
  });
});

describe('agent far above their own usual rate', () => {
  // Defaults: recent = 24 h before filing; usual = the 28 days before that, per 24 h; flag at >= 3x usual (at least 1) and >= 6.
  it.each([
    { name: 'a quiet agent with 5 today (below the minimum)', recent: 5, baseline: 0, flagged: false },
    { name: 'a new agent with 6 today', recent: 6, baseline: 0, flagged: true },
    { name: 'usual 2 a day (56 in 28 days), 6 today: exactly 3x', recent: 6, baseline: 56, flagged: true },
    { name: 'usual 2 a day, 5 today... with the minimum 6 not met', recent: 5, baseline: 56, flagged: false },
    { name: 'usual 4 a day (112), 11 today: under 3x', recent: 11, baseline: 112, flagged: false },
    { name: 'usual 4 a day (112), 12 today: 3x', recent: 12, baseline: 112, flagged: true },
    { name: 'a busy agent at their usual 10 a day', recent: 10, baseline: 280, flagged: false },
  ])('$name: flagged $flagged', ({ recent, baseline, flagged }) => {
    // The baseline spread evenly over the 28 days, the first of them half an hour into the window.
    const history = [self, ...times(recent - 1, (i) => 1 + (i % 22)), ...times(baseline, (i) => 24 + 28 * 24 - 0.5 - (i * 28 * 24) / baseline)];
    const flag = agentRateFlag(self, history, T);
    expect(flag !== null).toBe(flagged);
    if (flag) expect(flag).toEqual({ rule: 'agent_rate', recent, usual: Math.round((baseline / 28) * 10) / 10, hours: 24 });
  });

  it('measures the usual rate from the first request in the baseline: an agent who began 14 days ago at 4 a day is not flagged for 11 today', () => {
    const fortnight = times(14 * 4, (i) => 24 + 14 * 24 - 1 - i * 6);
    const history = [self, ...times(10, (i) => 1 + i), ...fortnight];
    expect(agentRateFlag(self, history, T)).toBeNull();
    // ...but 12 today is three times their usual 4, and is.
    expect(agentRateFlag(self, [...history, req(11.5)], T)).toEqual({ rule: 'agent_rate', recent: 12, usual: 4, hours: 24 });
  });

  it('counts at least one day of baseline: 3 requests yesterday make a usual 3, not 3 per hour', () => {
    const history = [self, ...times(8, (i) => 1 + i), ...times(3, (i) => 25 + i)];
    expect(agentRateFlag(self, history, T)).toEqual({ rule: 'agent_rate', recent: 9, usual: 3, hours: 24 });
  });

  it('counts only requests filed before this one: later ones do not change its flag', () => {
    const later = times(10, (i) => -1 - i);
    expect(agentRateFlag(self, [self, ...later], T)).toBeNull();
  });

  it('leaves requests older than the baseline out of the usual rate', () => {
    const history = [self, ...times(5, (i) => 1 + i), ...times(500, () => 24 + 28 * 24 + 1)];
    expect(agentRateFlag(self, history, T)).toMatchObject({ rule: 'agent_rate', recent: 6, usual: 0 });
  });
});

describe('repeated requests for the same account', () => {
  it.each([
    { name: 'this one alone', others: [] as number[], flagged: false },
    { name: 'one earlier, 10 days ago', others: [240], flagged: false },
    { name: 'two earlier in 30 days', others: [240, 600], flagged: true },
    { name: 'two earlier, one 31 days ago', others: [240, 31 * 24], flagged: false },
    { name: 'two earlier, exactly 30 days ago included', others: [1, 30 * 24], flagged: true },
  ])('$name: flagged $flagged', ({ others, flagged }) => {
    const flag = repeatAccountFlag(self, [self, ...others.map((h) => req(h))], T);
    expect(flag).toEqual(flagged ? { rule: 'repeat_account', count: 1 + others.length, days: 30 } : null);
  });

  it('counts only the same account', () => {
    expect(repeatAccountFlag(self, [self, req(1, { accountId: 2 }), req(2, { accountId: 3 })], T)).toBeNull();
  });
});

describe('repeated requests for the same customer across accounts', () => {
  it.each([
    { name: 'no other account of the customer', customer: [] as Array<[number, number]>, flagged: false },
    { name: 'the same account again only', customer: [[1, 5]] as Array<[number, number]>, flagged: false },
    { name: 'another account of the customer 5 days ago', customer: [[2, 120]] as Array<[number, number]>, flagged: true, accounts: 2, count: 1 },
    { name: 'another account, 40 days ago', customer: [[2, 40 * 24]] as Array<[number, number]>, flagged: false },
    { name: 'three accounts', customer: [[2, 1], [3, 2], [3, 3]] as Array<[number, number]>, flagged: true, accounts: 3, count: 3 },
  ])('$name: flagged $flagged', ({ customer, flagged, accounts, count }) => {
    const flag = repeatCustomerFlag(self, customer.map(([accountId, h]) => req(h, { accountId })), T);
    expect(flag).toEqual(flagged ? { rule: 'repeat_customer', accounts, count, days: 30 } : null);
  });
});

describe('amounts just under the cap again and again', () => {
  it.each([
    { amount: 5_000, near: true },
    { amount: 4_500, near: true },
    { amount: 4_499, near: false },
    { amount: 5_001, near: false },
    { amount: 100, near: false },
  ])('$amount against a cap of 5,000: near $near', ({ amount, near }) => {
    expect(isNearCap(amount, 5_000, T)).toBe(near);
  });

  it.each([
    { name: 'this one near the cap, two earlier ones too', amounts: [4_900, 4_600], self: 4_950, flagged: true },
    { name: 'this one near the cap, one earlier', amounts: [4_900], self: 4_950, flagged: false },
    { name: 'earlier ones near the cap, this one not', amounts: [4_900, 4_600, 4_700], self: 1_000, flagged: false },
    { name: 'earlier ones well under the cap', amounts: [2_000, 3_000], self: 4_950, flagged: false },
  ])('$name: flagged $flagged', ({ amounts, self: amount, flagged }) => {
    const me = req(0, { amountMinor: amount });
    const flag = nearCapFlag(me, [me, ...amounts.map((a, i) => req(10 + i, { amountMinor: a }))], 5_000, T);
    expect(flag).toEqual(flagged ? { rule: 'near_cap', count: 1 + amounts.length, days: 30, capMinor: 5_000 } : null);
  });

  it('does not count reversals, whose amount is the credit’s own', () => {
    const me = req(0, { amountMinor: 4_950 });
    expect(nearCapFlag(me, [me, req(1, { amountMinor: 4_900, kind: 'reverse' }), req(2, { amountMinor: 4_900, kind: 'reverse' })], 5_000, T)).toBeNull();
  });

  it('does not count near-cap requests older than the window', () => {
    const me = req(0, { amountMinor: 4_950 });
    expect(nearCapFlag(me, [me, req(31 * 24, { amountMinor: 4_900 }), req(32 * 24, { amountMinor: 4_900 })], 5_000, T)).toBeNull();
  });

  it('follows the thresholds: a 20% margin makes 4,000 near', () => {
    const wide = { ...T, nearCapMarginPercent: 20, nearCapMin: 2 };
    const me = req(0, { amountMinor: 4_000 });
    expect(nearCapFlag(me, [me, req(1, { amountMinor: 4_100 })], 5_000, wide)).toMatchObject({ rule: 'near_cap', count: 2 });
  });
});

describe('all rules together', () => {
  it('lists every flag that applies, in a fixed order, and none for an ordinary request', () => {
    const me = req(0, { amountMinor: 4_990 });
    const mine = [me, ...times(7, (i) => 1 + i, { amountMinor: 4_800 })];
    const flags = patternFlags(me, { agentRequests: mine, accountRequests: [me, req(3), req(4)], customerRequests: [req(5, { accountId: 9 })], capMinor: 5_000 }, T);
    expect(flags.map((f) => f.rule)).toEqual(['agent_rate', 'repeat_account', 'repeat_customer', 'near_cap']);
    const plain = req(0);
    expect(patternFlags(plain, { agentRequests: [plain], accountRequests: [plain], customerRequests: [], capMinor: 5_000 }, T)).toEqual([]);
  });
});
