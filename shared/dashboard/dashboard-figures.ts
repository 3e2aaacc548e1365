import type { Currency } from '../domain/account';
import { businessDayBounds } from '../domain/business-day';
import { agentDailyLimit, overdueFiledCutoff, overrideExpiresAt, type AmountsByCurrency, type OverrideSettings } from '../domain/override';
import { queueAgeBuckets, type DashboardFigures, type QueueAgeBucket } from '../ipc/dashboard-channels';

/*
 * The dashboard's rules, one copy for the desktop (SQLite, electron/main/dashboard) and the hub
 * (PostgreSQL, hub/src/dashboard): the time windows a load reads, and how the grouped rows the
 * two databases return become the summary (folding, ordering, limits, expiry). Each side only
 * runs its own SQL for the windows given here, grouped as the row types below say; a parity
 * test (test/integration/dashboard-hub-parity.test.ts) loads the same data into both and
 * compares the summaries. Pure: the caller passes the instant.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of filed overrides the dashboard shows (the site's business days, today included). */
export const OVERRIDE_DAYS = 14;
/** How many of the soonest-expiring pending requests are listed. */
export const EXPIRING_LIST = 10;

export interface SiteDay {
  /** The local date, YYYY-MM-DD. */
  day: string;
  start: string;
  end: string;
}

/** The last `days` business days of the site, oldest first, as [start, end) UTC instants keyed by local date. */
export function siteDays(now: Date, timeZone: string, days: number): SiteDay[] {
  const out: SiteDay[] = [];
  let at = now;
  for (let i = 0; i < days; i += 1) {
    const bounds = businessDayBounds(at, timeZone);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(bounds.start));
    out.unshift({ day, ...bounds });
    at = new Date(new Date(bounds.start).getTime() - 1);
  }
  return out;
}

export type DashboardSettings = Pick<OverrideSettings, 'expiryDays'> & { siteTimeZone: string };

/** The instants one load at `now` reads with; every bound is an ISO UTC instant. */
export interface DashboardWindows {
  /** A pending request filed at or before this is overdue (expired, not counted as pending). */
  overdueCutoff: string;
  /** A pending request filed before this expires within the next 24 hours. */
  soonCutoff: string;
  /** Filed at or after [0] is under 1 h old, [1] under 4 h, [2] under 24 h, [3] under 3 days. */
  queueAge: [string, string, string, string];
  /** The site's business day `now` is in: approvals today count decided_at in [start, end). */
  today: { start: string; end: string };
  /** The overrides chart's days, oldest first. */
  days: SiteDay[];
}

export function dashboardWindows(now: Date, settings: DashboardSettings): DashboardWindows {
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    overdueCutoff: overdueFiledCutoff(now, settings.expiryDays),
    soonCutoff: iso(nowMs + DAY_MS - settings.expiryDays * DAY_MS),
    queueAge: [iso(nowMs - HOUR_MS), iso(nowMs - 4 * HOUR_MS), iso(nowMs - DAY_MS), iso(nowMs - 3 * DAY_MS)],
    today: businessDayBounds(now, settings.siteTimeZone),
    days: siteDays(now, settings.siteTimeZone, OVERRIDE_DAYS),
  };
}

/** The bucket a pending request filed at `createdAt` falls in (what both databases' CASE computes). */
export function queueAgeBucketOf(createdAt: string, windows: DashboardWindows): QueueAgeBucket {
  const [h1, h4, h24, d3] = windows.queueAge;
  if (createdAt >= h1) return 'under1h';
  if (createdAt >= h4) return 'under4h';
  if (createdAt >= h24) return 'under24h';
  if (createdAt >= d3) return 'under3d';
  return 'older';
}

interface MoneyRow {
  currency: Currency;
  count: number;
  amountMinor: number;
}

/**
 * What each database returns for one load, grouped as named; `pending*`, `queueAge` and
 * `exposure` count only pending requests that are not overdue (a desktop expires them first,
 * the hub leaves them out of its read-only query).
 */
export interface DashboardRows {
  pending: { count: number; oldestCreatedAt: string | null };
  expiringSoonCount: number;
  /** The pending requests filed before soonCutoff, oldest first (then by id), at most EXPIRING_LIST. */
  expiring: Array<{ id: string; accountNumber: string; agent: string; amountMinor: number; currency: Currency; createdAt: string }>;
  queueAge: Array<{ bucket: QueueAgeBucket; count: number }>;
  /** Approved today, per requesting agent (operator id) and currency, with the agent's own limit in that currency if set. */
  approvedToday: Array<{ operatorId: number; agent: string; currency: Currency; count: number; amountMinor: number; ownLimit: number | null }>;
  /** Credits not reversed, scheduled or posted, grouped by outage, account region, status and currency; no empty groups. */
  credits: Array<{ outageId: number; outage: string; outageStartsAt: string; region: string; status: 'scheduled' | 'posted' } & MoneyRow>;
  /** Overrides filed per site day (every status), per requesting agent (id), reason and currency. */
  filed: Array<{ day: string; operatorId: number; agent: string; reason: string } & MoneyRow>;
  /** Pending, not overdue, reversals not counted, per currency. */
  exposure: MoneyRow[];
}

/** Code-unit order: the same on both sides whatever a database's collation is. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAmount = (a: MoneyRow & { key: string }, b: MoneyRow & { key: string }) =>
  b.count - a.count || b.amountMinor - a.amountMinor || byText(a.key, b.key) || byText(a.currency, b.currency);

function fold<K extends 'reason' | 'agent'>(rows: DashboardRows['filed'], keyName: K): Array<MoneyRow & Record<K, string>> {
  const map = new Map<string, MoneyRow & { key: string }>();
  for (const row of rows) {
    const key = row[keyName];
    const id = `${key}\u0000${row.currency}`;
    const found = map.get(id);
    if (found) {
      found.count += row.count;
      found.amountMinor += row.amountMinor;
    } else map.set(id, { key, currency: row.currency, count: row.count, amountMinor: row.amountMinor });
  }
  return [...map.values()].sort(byAmount).map(({ key, ...money }) => ({ [keyName]: key, ...money }) as MoneyRow & Record<K, string>);
}

/**
 * The summary from one load's rows. Money stays per currency throughout; an agent's limit is
 * their own in that currency where an admin set one, else the site's.
 */
export function assembleDashboardSummary(rows: DashboardRows, settings: OverrideSettings & { siteTimeZone: string }, now: Date): DashboardFigures {
  const ageCounts = new Map(rows.queueAge.map((row) => [row.bucket, row.count]));
  const perDay = new Map<string, { day: string; agent: string; reason: string; count: number }>();
  for (const row of rows.filed) {
    const id = `${row.day}\u0000${row.agent}\u0000${row.reason}`;
    const found = perDay.get(id);
    if (found) found.count += row.count;
    else perDay.set(id, { day: row.day, agent: row.agent, reason: row.reason, count: row.count });
  }
  const limitOf = (row: DashboardRows['approvedToday'][number]) => {
    const own: AmountsByCurrency | undefined = row.ownLimit === null ? undefined : { [row.currency]: row.ownLimit };
    return agentDailyLimit(settings, row.currency, own);
  };
  return {
    generatedAt: now.toISOString(),
    siteTimeZone: settings.siteTimeZone,
    pending: {
      count: rows.pending.count,
      oldestCreatedAt: rows.pending.oldestCreatedAt,
      expiringSoonCount: rows.expiringSoonCount,
      expiringSoon: [...rows.expiring]
        .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id))
        .slice(0, EXPIRING_LIST)
        .map(({ createdAt, ...row }) => ({ ...row, expiresAt: overrideExpiresAt(createdAt, settings.expiryDays) })),
    },
    queueAge: queueAgeBuckets.map((bucket) => ({ bucket, count: ageCounts.get(bucket) ?? 0 })),
    approvalsToday: [...rows.approvedToday]
      .sort((a, b) => b.amountMinor - a.amountMinor || byText(a.agent, b.agent) || a.operatorId - b.operatorId || byText(a.currency, b.currency))
      .map((row) => ({ agent: row.agent, currency: row.currency, count: row.count, amountMinor: row.amountMinor, limitMinor: limitOf(row) })),
    credits: rows.credits
      .filter((row) => row.count > 0)
      .sort(
        (a, b) =>
          byText(b.outageStartsAt, a.outageStartsAt) ||
          a.outageId - b.outageId ||
          byText(a.region, b.region) ||
          byText(a.status, b.status) ||
          byText(a.currency, b.currency),
      )
      .map(({ outageStartsAt: _startsAt, ...row }) => row),
    overridesByReason: fold(rows.filed, 'reason'),
    overridesByAgent: fold(rows.filed, 'agent'),
    overridesPerDay: [...perDay.values()].sort((a, b) => byText(a.day, b.day) || byText(a.agent, b.agent) || byText(a.reason, b.reason)),
    exposure: [...rows.exposure].sort((a, b) => byText(a.currency, b.currency)),
  };
}
