import type Database from 'better-sqlite3';
import { assembleDashboardSummary, dashboardWindows, EXPIRING_LIST, type DashboardRows } from '@shared/dashboard/dashboard-figures';
import type { DashboardFigures } from '@shared/ipc/dashboard-channels';
import { EFFECTIVE_STATUS } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';
import { expireOverdueOverrides } from '../overrides/override-expiry';
import { getOverrideSettings } from '../overrides/override-settings';

/**
 * The queries of one dashboard load, by name (the benchmark times each of them on its own).
 * Their windows and how their rows become the summary are the rules shared with the hub
 * (shared/dashboard/dashboard-figures.ts); each groups as DashboardRows says.
 */
export const dashboardSql = {
  pending: `SELECT count(*) AS count, min(created_at) AS oldest FROM override_requests WHERE status = 'pending'`,
  expiringCount: `SELECT count(*) FROM override_requests WHERE status = 'pending' AND created_at < ?`,
  expiring: `SELECT o.id, a.account_number AS accountNumber, op.display_name AS agent, o.amount_minor AS amountMinor,
      o.currency, o.created_at AS createdAt
    FROM override_requests o JOIN accounts a ON a.id = o.account_id JOIN operators op ON op.id = o.requested_by
    WHERE o.status = 'pending' AND o.created_at < ? ORDER BY o.created_at, o.id LIMIT ${EXPIRING_LIST}`,
  queueAge: `SELECT CASE WHEN created_at >= ? THEN 'under1h' WHEN created_at >= ? THEN 'under4h'
      WHEN created_at >= ? THEN 'under24h' WHEN created_at >= ? THEN 'under3d' ELSE 'older' END AS bucket, count(*) AS count
    FROM override_requests WHERE status = 'pending' GROUP BY bucket`,
  approvedToday: `SELECT o.requested_by AS operatorId, op.display_name AS agent, o.currency, count(*) AS count,
      sum(o.amount_minor) AS amountMinor, l.daily_total_minor AS ownLimit
    FROM override_requests o JOIN operators op ON op.id = o.requested_by
    LEFT JOIN operator_daily_limits l ON l.operator_id = o.requested_by AND l.currency = o.currency
    WHERE o.status = 'approved' AND o.decided_at >= ? AND o.decided_at < ?
    GROUP BY o.requested_by, o.currency`,
  // From the totals the credit triggers keep (migration 016): one row per group, not per credit.
  credits: `SELECT t.outage_id AS outageId, out.title AS outage, out.starts_at AS outageStartsAt, t.region, t.status, t.currency, t.count, t.amount_minor AS amountMinor
    FROM credit_totals t JOIN outages out ON out.id = t.outage_id
    WHERE t.status IN ('scheduled', 'posted') AND t.count > 0
    ORDER BY out.starts_at DESC, t.outage_id, t.region, t.status, t.currency`,
  // The days as a materialized table, then one range scan per day of the covering index of
  // migration 016; the grouping of up to 10,000 rows is the cost left (docs/BENCHMARKS.md).
  filed: `WITH d (day, start, finish) AS MATERIALIZED (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
    SELECT d.day, o.requested_by AS operatorId, op.display_name AS agent, o.reason_code AS reason, o.currency, count(*) AS count, sum(o.amount_minor) AS amountMinor
    FROM d JOIN override_requests o INDEXED BY override_requests_created ON o.created_at >= d.start AND o.created_at < d.finish
    JOIN operators op ON op.id = o.requested_by
    GROUP BY d.day, o.requested_by, o.reason_code, o.currency`,
  exposure: `SELECT currency, count(*) AS count, sum(amount_minor) AS amountMinor FROM override_requests
    WHERE status = 'pending' AND kind <> 'reverse' GROUP BY currency`,
} as const;
const sql = dashboardSql;

/**
 * What the credit totals must equal: the credits grouped one by one. On 500,000 credits it takes
 * seconds (docs/BENCHMARKS.md, "Dashboard"), so the dashboard reads the totals; the property test
 * and the benchmark run this one to check and compare.
 */
export const CREDITS_GROUPED_SQL = `SELECT x.outageId, out.title AS outage, out.starts_at AS outageStartsAt, a.region, x.status, x.currency, count(*) AS count, sum(x.amountMinor) AS amountMinor
    FROM (SELECT c.outage_id AS outageId, c.account_id AS accountId, c.currency, c.amount_minor AS amountMinor, ${EFFECTIVE_STATUS} AS status
      FROM credits c) x
    JOIN accounts a ON a.id = x.accountId JOIN outages out ON out.id = x.outageId
    WHERE x.status IN ('scheduled', 'posted')
    GROUP BY x.outageId, a.region, x.status, x.currency ORDER BY out.starts_at DESC, x.outageId, a.region, x.status, x.currency`;

/** Each query's parameters for a load at `now` under the site's settings: the same for the handler and the benchmark. */
export function dashboardParams(now: Date, settings: Pick<ReturnType<typeof getOverrideSettings>, 'expiryDays' | 'siteTimeZone'>): Record<keyof typeof dashboardSql, unknown[]> {
  const w = dashboardWindows(now, settings);
  return {
    pending: [],
    expiringCount: [w.soonCutoff],
    expiring: [w.soonCutoff],
    queueAge: [...w.queueAge],
    approvedToday: [w.today.start, w.today.end],
    credits: [],
    filed: [JSON.stringify(Object.fromEntries(w.days.map((d) => [d.day, [d.start, d.end]])))],
    exposure: [],
  };
}

type FiledRows = DashboardRows['filed'];

/** Per database: the last filed rows, for which window and at which filing version (migration 026). */
const filedCache = new WeakMap<Database.Database, { window: string; version: number; rows: FiledRows }>();

/**
 * The overrides filed per site day, agent, reason and currency: grouped again only when the
 * window moved or a request's filing facts or an agent's name changed since the last load
 * (dashboard_filed_version, kept by triggers). A decision or an expiry leaves them as they are.
 * Read inside the load's transaction, so the counter and the rows are of one moment.
 */
function filedRows(db: Database.Database, params: unknown[]): FiledRows {
  const version = cachedStatement<[], number>(db, 'SELECT version FROM dashboard_filed_version WHERE id = 1').pluck().get()!;
  const window = String(params[0]);
  const cached = filedCache.get(db);
  if (cached && cached.version === version && cached.window === window) return cached.rows;
  const rows = cachedStatement<unknown[], FiledRows[number]>(db, sql.filed).all(...params);
  filedCache.set(db, { window, version, rows });
  return rows;
}

/** Drops the kept filed rows of `db` (tests compare a load with one that groups afresh). */
export function forgetDashboardCache(db: Database.Database): void {
  filedCache.delete(db);
}

/**
 * Everything the supervisor's home shows, read in one transaction after expiry is applied (so a
 * request whose time is up is not counted as pending). Money stays per currency throughout.
 */
export function readDashboardSummary(db: Database.Database, now: Date): DashboardFigures {
  return db
    .transaction((): DashboardFigures => {
      const settings = getOverrideSettings(db);
      expireOverdueOverrides(db, settings, now);
      const params = dashboardParams(now, settings);
      const all = <R>(name: keyof typeof sql) => cachedStatement<unknown[], R>(db, sql[name]).all(...params[name]);
      const pending = all<{ count: number; oldest: string | null }>('pending')[0]!;
      const rows: DashboardRows = {
        pending: { count: pending.count, oldestCreatedAt: pending.oldest },
        expiringSoonCount: cachedStatement<unknown[], number>(db, sql.expiringCount).pluck().get(...params.expiringCount) ?? 0,
        expiring: all('expiring'),
        queueAge: all('queueAge'),
        approvedToday: all('approvedToday'),
        credits: all('credits'),
        filed: filedRows(db, params.filed),
        exposure: all('exposure'),
      };
      return assembleDashboardSummary(rows, settings, now);
    })
    .immediate();
}
