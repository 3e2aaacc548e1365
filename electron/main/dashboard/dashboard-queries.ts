import type Database from 'better-sqlite3';
import { businessDayBounds } from '@shared/domain/business-day';
import type { DashboardSummary, QueueAgeBucket } from '@shared/ipc/dashboard-channels';
import { EFFECTIVE_STATUS } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';
import { expireOverdueOverrides } from '../overrides/override-expiry';
import { getOverrideSettings } from '../overrides/override-settings';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of filed overrides the dashboard shows (the site's business days, today included). */
export const OVERRIDE_DAYS = 14;
const EXPIRING_LIST = 10;

/** The queries of one dashboard load, by name (the benchmark times each of them on its own). */
export const dashboardSql = {
  pending: `SELECT count(*) AS count, min(created_at) AS oldest FROM override_requests WHERE status = 'pending'`,
  expiringCount: `SELECT count(*) FROM override_requests WHERE status = 'pending' AND created_at < ?`,
  expiring: `SELECT o.id, a.account_number AS accountNumber, op.display_name AS agent, o.amount_minor AS amountMinor,
      o.currency, o.created_at AS createdAt
    FROM override_requests o JOIN accounts a ON a.id = o.account_id JOIN operators op ON op.id = o.requested_by
    WHERE o.status = 'pending' AND o.created_at < ? ORDER BY o.created_at LIMIT ${EXPIRING_LIST}`,
  queueAge: `SELECT CASE WHEN created_at >= ? THEN 'under1h' WHEN created_at >= ? THEN 'under4h'
      WHEN created_at >= ? THEN 'under24h' WHEN created_at >= ? THEN 'under3d' ELSE 'older' END AS bucket, count(*) AS count
    FROM override_requests WHERE status = 'pending' GROUP BY bucket`,
  approvedToday: `SELECT o.requested_by AS operatorId, op.display_name AS agent, o.currency, count(*) AS count,
      sum(o.amount_minor) AS amountMinor, l.daily_total_minor AS ownLimit
    FROM override_requests o JOIN operators op ON op.id = o.requested_by
    LEFT JOIN operator_daily_limits l ON l.operator_id = o.requested_by AND l.currency = o.currency
    WHERE o.status = 'approved' AND o.decided_at >= ? AND o.decided_at < ?
    GROUP BY o.requested_by, o.currency ORDER BY amountMinor DESC, agent`,
  // From the totals the credit triggers keep (migration 016): one row per group, not per credit.
  credits: `SELECT t.outage_id AS outageId, out.title AS outage, t.region, t.status, t.currency, t.count, t.amount_minor AS amountMinor
    FROM credit_totals t JOIN outages out ON out.id = t.outage_id
    WHERE t.status IN ('scheduled', 'posted') AND t.count > 0
    ORDER BY out.starts_at DESC, t.outage_id, t.region, t.status, t.currency`,
  // The days as a materialized table, then one range scan per day of the covering index of
  // migration 016; the grouping of up to 10,000 rows is the cost left (docs/BENCHMARKS.md).
  filed: `WITH d (day, start, finish) AS MATERIALIZED (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
    SELECT d.day, op.display_name AS agent, o.reason_code AS reason, o.currency, count(*) AS count, sum(o.amount_minor) AS amountMinor
    FROM d JOIN override_requests o INDEXED BY override_requests_created ON o.created_at >= d.start AND o.created_at < d.finish
    JOIN operators op ON op.id = o.requested_by
    GROUP BY d.day, o.requested_by, o.reason_code, o.currency`,
  exposure: `SELECT currency, count(*) AS count, sum(amount_minor) AS amountMinor FROM override_requests
    WHERE status = 'pending' AND kind <> 'reverse' GROUP BY currency ORDER BY currency`,
} as const;
const sql = dashboardSql;

/**
 * What the credit totals must equal: the credits grouped one by one. On 500,000 credits it takes
 * seconds (docs/BENCHMARKS.md, "Dashboard"), so the dashboard reads the totals; the property test
 * and the benchmark run this one to check and compare.
 */
export const CREDITS_GROUPED_SQL = `SELECT x.outageId, out.title AS outage, a.region, x.status, x.currency, count(*) AS count, sum(x.amountMinor) AS amountMinor
    FROM (SELECT c.outage_id AS outageId, c.account_id AS accountId, c.currency, c.amount_minor AS amountMinor, ${EFFECTIVE_STATUS} AS status
      FROM credits c) x
    JOIN accounts a ON a.id = x.accountId JOIN outages out ON out.id = x.outageId
    WHERE x.status IN ('scheduled', 'posted')
    GROUP BY x.outageId, a.region, x.status, x.currency ORDER BY out.starts_at DESC, x.outageId, a.region, x.status, x.currency`;

/** The last `days` business days of the site, oldest first, as [start, end) UTC instants keyed by local date. */
export function siteDays(now: Date, timeZone: string, days: number): Array<{ day: string; start: string; end: string }> {
  const out: Array<{ day: string; start: string; end: string }> = [];
  let at = now;
  for (let i = 0; i < days; i += 1) {
    const bounds = businessDayBounds(at, timeZone);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(bounds.start));
    out.unshift({ day, ...bounds });
    at = new Date(new Date(bounds.start).getTime() - 1);
  }
  return out;
}

interface MoneyRow {
  currency: DashboardSummary['exposure'][number]['currency'];
  count: number;
  amountMinor: number;
}

function addTo<K extends string>(map: Map<string, MoneyRow & Record<K, string>>, keyName: K, key: string, row: MoneyRow): void {
  const id = `${key}\u0000${row.currency}`;
  const found = map.get(id);
  if (found) {
    found.count += row.count;
    found.amountMinor += row.amountMinor;
  } else {
    map.set(id, { [keyName]: key, currency: row.currency, count: row.count, amountMinor: row.amountMinor } as MoneyRow & Record<K, string>);
  }
}

const byAmount = (a: MoneyRow, b: MoneyRow) => b.count - a.count || b.amountMinor - a.amountMinor;

/** Each query's parameters for a load at `now` under the site's settings: the same for the handler and the benchmark. */
export function dashboardParams(now: Date, settings: Pick<ReturnType<typeof getOverrideSettings>, 'expiryDays' | 'siteTimeZone'>): Record<keyof typeof dashboardSql, unknown[]> {
  const nowMs = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const soonCutoff = iso(nowMs + DAY_MS - settings.expiryDays * DAY_MS);
  const today = businessDayBounds(now, settings.siteTimeZone);
  const days = siteDays(now, settings.siteTimeZone, OVERRIDE_DAYS);
  return {
    pending: [],
    expiringCount: [soonCutoff],
    expiring: [soonCutoff],
    queueAge: [iso(nowMs - HOUR_MS), iso(nowMs - 4 * HOUR_MS), iso(nowMs - DAY_MS), iso(nowMs - 3 * DAY_MS)],
    approvedToday: [today.start, today.end],
    credits: [],
    filed: [JSON.stringify(Object.fromEntries(days.map((d) => [d.day, [d.start, d.end]])))],
    exposure: [],
  };
}

/**
 * Everything the supervisor's home shows, read in one transaction after expiry is applied (so a
 * request whose time is up is not counted as pending). Money stays per currency throughout.
 */
export function readDashboardSummary(db: Database.Database, now: Date): DashboardSummary {
  return db
    .transaction((): DashboardSummary => {
      const settings = getOverrideSettings(db);
      expireOverdueOverrides(db, settings, now);
      const params = dashboardParams(now, settings);
      const iso = (ms: number) => new Date(ms).toISOString();
      const expiryMs = settings.expiryDays * DAY_MS;
      const all = <R>(name: keyof typeof sql) => cachedStatement<unknown[], R>(db, sql[name]).all(...params[name]);
      const pending = all<{ count: number; oldest: string | null }>('pending')[0]!;
      const expiringSoonCount = cachedStatement<unknown[], number>(db, sql.expiringCount).pluck().get(...params.expiringCount) ?? 0;
      const expiring = all<{ id: string; accountNumber: string; agent: string; amountMinor: number; currency: MoneyRow['currency']; createdAt: string }>('expiring');
      const ageCounts = new Map(all<{ bucket: QueueAgeBucket; count: number }>('queueAge').map((row) => [row.bucket, row.count]));
      const approved = all<{ agent: string; currency: MoneyRow['currency']; count: number; amountMinor: number; ownLimit: number | null }>('approvedToday');
      const filed = all<{ day: string; agent: string; reason: string } & MoneyRow>('filed');
      const byReason = new Map<string, MoneyRow & { reason: string }>();
      const byAgent = new Map<string, MoneyRow & { agent: string }>();
      const perDay = new Map<string, { day: string; agent: string; reason: string; count: number }>();
      for (const row of filed) {
        addTo(byReason, 'reason', row.reason, row);
        addTo(byAgent, 'agent', row.agent, row);
        const id = `${row.day}\u0000${row.agent}\u0000${row.reason}`;
        const found = perDay.get(id);
        if (found) found.count += row.count;
        else perDay.set(id, { day: row.day, agent: row.agent, reason: row.reason, count: row.count });
      }
      return {
        generatedAt: now.toISOString(),
        siteTimeZone: settings.siteTimeZone,
        pending: {
          count: pending.count,
          oldestCreatedAt: pending.oldest,
          expiringSoonCount,
          expiringSoon: expiring.map(({ createdAt, ...row }) => ({ ...row, expiresAt: iso(new Date(createdAt).getTime() + expiryMs) })),
        },
        queueAge: (['under1h', 'under4h', 'under24h', 'under3d', 'older'] as const).map((bucket) => ({ bucket, count: ageCounts.get(bucket) ?? 0 })),
        approvalsToday: approved.map(({ ownLimit, ...row }) => ({ ...row, limitMinor: ownLimit ?? settings.agentDailyTotalMinor[row.currency] })),
        credits: all<DashboardSummary['credits'][number]>('credits'),
        overridesByReason: [...byReason.values()].sort(byAmount),
        overridesByAgent: [...byAgent.values()].sort(byAmount),
        overridesPerDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day) || a.agent.localeCompare(b.agent) || a.reason.localeCompare(b.reason)),
        exposure: all<MoneyRow>('exposure'),
      };
    })
    .immediate();
}
