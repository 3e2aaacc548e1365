import { z } from 'zod';

/**
 * Patterns that make a pending override request worth a supervisor's closer look. Pure: main
 * reads the history from the repository and passes it in. A flag is information for the
 * supervisor and never blocks a request by itself; no rule here is consulted by filing or
 * deciding.
 *
 * Every rule looks back from the moment the request was filed (not from now), so a request's
 * flags do not change while it waits in the queue.
 */

export const PatternThresholds = z.strictObject({
  /** An agent's recent requests: those filed in the hours before this one (this one included). */
  rateRecentHours: z.int().min(1).max(168),
  /** The agent's usual rate: their requests in the days before the recent window. */
  rateBaselineDays: z.int().min(1).max(90),
  /** Flag when the recent count is at least this many times the usual count for as many hours... */
  rateFactor: z.number().min(1).max(100),
  /** ...and at least this many requests, so a quiet agent's second request is not flagged. */
  rateMinRecent: z.int().min(2).max(1_000),
  /** How far back the repeat and near-cap rules look. */
  repeatWindowDays: z.int().min(1).max(365),
  /** Requests for one account in the window, this one included. */
  repeatAccountMin: z.int().min(2).max(100),
  /** Accounts of one customer (same e-mail or contact phone) with requests in the window, this one's included. */
  repeatCustomerMinAccounts: z.int().min(2).max(100),
  /** "Just under the cap": within this percentage below the per-request cap, the cap itself included. */
  nearCapMarginPercent: z.int().min(1).max(50),
  /** The agent's requests just under the cap in the window, this one included. */
  nearCapMin: z.int().min(2).max(100),
});
export type PatternThresholds = z.infer<typeof PatternThresholds>;

/** Three times the agent's usual rate and at least 6 in a day; 3 on an account or 2 accounts of a customer in 30 days; 3 within 10% of the cap in 30 days. */
export const DEFAULT_PATTERN_THRESHOLDS: PatternThresholds = {
  rateRecentHours: 24,
  rateBaselineDays: 28,
  rateFactor: 3,
  rateMinRecent: 6,
  repeatWindowDays: 30,
  repeatAccountMin: 3,
  repeatCustomerMinAccounts: 2,
  nearCapMarginPercent: 10,
  nearCapMin: 3,
};

export const PatternFlag = z.discriminatedUnion('rule', [
  /** `recent` requests in `hours`, against `usual` (the agent's average for as many hours, one decimal). */
  z.object({ rule: z.literal('agent_rate'), recent: z.int(), usual: z.number(), hours: z.int() }),
  z.object({ rule: z.literal('repeat_account'), count: z.int(), days: z.int() }),
  z.object({ rule: z.literal('repeat_customer'), accounts: z.int(), count: z.int(), days: z.int() }),
  z.object({ rule: z.literal('near_cap'), count: z.int(), days: z.int(), capMinor: z.int() }),
]);
export type PatternFlag = z.infer<typeof PatternFlag>;
export type PatternRule = PatternFlag['rule'];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A request as the rules see it. */
export interface PatternRequest {
  readonly id: string;
  readonly accountId: number;
  readonly createdAt: string;
  readonly amountMinor: number;
  /** Reversals take back a credit's own amount, so they never count as "just under the cap". */
  readonly kind: string;
  /** Each currency has its own cap: "just under the cap" compares requests in this one's currency only. Left out, any. */
  readonly currency?: string;
}

/** Whether `at` lies in [from, until]: the window ends at the request itself. */
function within(at: string, fromMs: number, untilMs: number): boolean {
  const ms = Date.parse(at);
  return ms >= fromMs && ms <= untilMs;
}

/**
 * The agent's own requests (this one among them): far above their usual rate in the hours before
 * this one. The usual rate is their requests per hour over the baseline window, counted only
 * from the day of their first request in it: an agent who began two weeks ago is compared with
 * those two weeks, not with 28 days of which half were before they filed anything.
 */
export function agentRateFlag(request: PatternRequest, agentRequests: readonly PatternRequest[], t: PatternThresholds): PatternFlag | null {
  const filedMs = Date.parse(request.createdAt);
  const recentFrom = filedMs - t.rateRecentHours * HOUR_MS;
  const baselineFrom = recentFrom - t.rateBaselineDays * DAY_MS;
  let recent = 0;
  let baseline = 0;
  let earliest = recentFrom;
  for (const other of agentRequests) {
    const ms = Date.parse(other.createdAt);
    if (ms > recentFrom && ms <= filedMs) recent += 1;
    else if (ms > baselineFrom && ms <= recentFrom) {
      baseline += 1;
      if (ms < earliest) earliest = ms;
    }
  }
  // Whole days from the first request of the baseline to its end, at least one.
  const baselineDays = Math.min(t.rateBaselineDays, Math.max(1, Math.ceil((recentFrom - earliest) / DAY_MS)));
  const usual = (baseline / (baselineDays * 24)) * t.rateRecentHours;
  // An agent with no history has a usual rate of zero; one request per window stands in for it.
  if (recent < t.rateMinRecent || recent < t.rateFactor * Math.max(usual, 1)) return null;
  return { rule: 'agent_rate', recent, usual: Math.round(usual * 10) / 10, hours: t.rateRecentHours };
}

/** Requests for the same account (any outage, any outcome, this one included) in the window. */
export function repeatAccountFlag(request: PatternRequest, accountRequests: readonly PatternRequest[], t: PatternThresholds): PatternFlag | null {
  const filedMs = Date.parse(request.createdAt);
  const from = filedMs - t.repeatWindowDays * DAY_MS;
  const count = accountRequests.filter((other) => other.accountId === request.accountId && within(other.createdAt, from, filedMs)).length;
  return count >= t.repeatAccountMin ? { rule: 'repeat_account', count, days: t.repeatWindowDays } : null;
}

/** Requests for the accounts of the same customer (this request's account among them) in the window. */
export function repeatCustomerFlag(request: PatternRequest, customerRequests: readonly PatternRequest[], t: PatternThresholds): PatternFlag | null {
  const filedMs = Date.parse(request.createdAt);
  const from = filedMs - t.repeatWindowDays * DAY_MS;
  const inWindow = customerRequests.filter((other) => within(other.createdAt, from, filedMs));
  const accounts = new Set(inWindow.map((other) => other.accountId));
  accounts.add(request.accountId);
  return accounts.size >= t.repeatCustomerMinAccounts ? { rule: 'repeat_customer', accounts: accounts.size, count: inWindow.length, days: t.repeatWindowDays } : null;
}

/** Whether an amount is "just under the cap": within the margin below it, the cap itself included. */
export function isNearCap(amountMinor: number, capMinor: number, t: PatternThresholds): boolean {
  return amountMinor <= capMinor && amountMinor * 100 >= capMinor * (100 - t.nearCapMarginPercent);
}

/** This request and the agent's others in the window (in its currency) just under that currency's per-request cap, again and again. */
export function nearCapFlag(request: PatternRequest, agentRequests: readonly PatternRequest[], capMinor: number, t: PatternThresholds): PatternFlag | null {
  const sameCurrency = (r: PatternRequest) => request.currency === undefined || r.currency === undefined || r.currency === request.currency;
  const near = (r: PatternRequest) => r.kind !== 'reverse' && sameCurrency(r) && isNearCap(r.amountMinor, capMinor, t);
  if (!near(request)) return null;
  const filedMs = Date.parse(request.createdAt);
  const from = filedMs - t.repeatWindowDays * DAY_MS;
  const count = agentRequests.filter((other) => near(other) && within(other.createdAt, from, filedMs)).length;
  return count >= t.nearCapMin ? { rule: 'near_cap', count, days: t.repeatWindowDays, capMinor } : null;
}

export interface PatternHistory {
  /** The requesting agent's requests, this one included. */
  readonly agentRequests: readonly PatternRequest[];
  /** Requests for this request's account, this one included. */
  readonly accountRequests: readonly PatternRequest[];
  /** Requests for the customer's other accounts (same e-mail or contact phone), this account's excluded or not. */
  readonly customerRequests: readonly PatternRequest[];
  /** The per-request cap in the request's own currency. */
  readonly capMinor: number;
}

/** Every flag that applies, in a fixed order. */
export function patternFlags(request: PatternRequest, history: PatternHistory, t: PatternThresholds): PatternFlag[] {
  return [
    agentRateFlag(request, history.agentRequests, t),
    repeatAccountFlag(request, history.accountRequests, t),
    repeatCustomerFlag(request, history.customerRequests, t),
    nearCapFlag(request, history.agentRequests, history.capMinor, t),
  ].filter((flag): flag is PatternFlag => flag !== null);
}
