import type pg from 'pg';
import { assembleDashboardSummary, dashboardWindows, EXPIRING_LIST, type DashboardRows } from '@shared/dashboard/dashboard-figures';
import type { DashboardFigures, QueueAgeBucket } from '@shared/ipc/dashboard-channels';
import type { Currency } from '@shared/domain/account';
import { inTransaction, type Tx } from '../db/transaction';
import { readOverrideSettings, readSiteTimeZone } from '../overrides/settings-repo';

/*
 * The dashboard at the hub: the same figures as a desktop's (electron/main/dashboard), from the
 * hub's own tables, in one REPEATABLE READ read-only transaction so every figure is of one
 * moment. The windows and the folding are the shared rules' (shared/dashboard); the SQL here
 * groups as DashboardRows says. The hub expires requests lazily (when an operation touches
 * them), so a pending request whose expiry has come is left out here, as a desktop's expiry
 * pass would have turned it to expired before counting.
 *
 * Credits come from the totals hub migration 016 keeps by trigger; grouped one by one they took
 * 455 ms on 500,000 credits (docs/BENCHMARKS.md, "Dashboard at the hub").
 */

/** What credit_totals must equal: the credits grouped one by one (tests and the benchmark compare). */
export const HUB_CREDITS_GROUPED_SQL = `SELECT c.outage_id AS "outageId", o.title AS outage, o.starts_at AS "outageStartsAt", a.region, c.status, c.currency,
    count(*)::int AS count, sum(c.amount_minor)::float8 AS "amountMinor"
  FROM credits c JOIN accounts a ON a.id = c.account_id JOIN outages o ON o.id = c.outage_id
  WHERE c.status IN ('scheduled', 'posted')
  GROUP BY c.outage_id, o.title, o.starts_at, a.region, c.status, c.currency`;

const PENDING = `r.status = 'pending' AND r.created_at > $1::timestamptz`;

export const hubDashboardSql = {
  pending: `SELECT count(*)::int AS count, min(r.created_at) AS oldest FROM override_requests r WHERE ${PENDING}`,
  expiringCount: `SELECT count(*)::int AS count FROM override_requests r WHERE ${PENDING} AND r.created_at < $2::timestamptz`,
  expiring: `SELECT r.id, a.account_number AS "accountNumber", op.display_name AS agent, r.amount_minor AS "amountMinor",
      r.currency, r.created_at AS "createdAt"
    FROM override_requests r JOIN accounts a ON a.id = r.account_id JOIN operators op ON op.id = r.requested_by
    WHERE ${PENDING} AND r.created_at < $2::timestamptz ORDER BY r.created_at, r.id LIMIT ${EXPIRING_LIST}`,
  queueAge: `SELECT CASE WHEN r.created_at >= $2::timestamptz THEN 'under1h' WHEN r.created_at >= $3::timestamptz THEN 'under4h'
      WHEN r.created_at >= $4::timestamptz THEN 'under24h' WHEN r.created_at >= $5::timestamptz THEN 'under3d' ELSE 'older' END AS bucket,
      count(*)::int AS count
    FROM override_requests r WHERE ${PENDING} GROUP BY 1`,
  approvedToday: `SELECT r.requested_by AS "operatorId", op.display_name AS agent, r.currency, count(*)::int AS count,
      sum(r.amount_minor)::float8 AS "amountMinor", l.daily_total_minor AS "ownLimit"
    FROM override_requests r JOIN operators op ON op.id = r.requested_by
    LEFT JOIN operator_daily_limits l ON l.operator_id = r.requested_by AND l.currency = r.currency
    WHERE r.status = 'approved' AND r.decided_at >= $1::timestamptz AND r.decided_at < $2::timestamptz
    GROUP BY r.requested_by, op.display_name, r.currency, l.daily_total_minor`,
  // From the totals the credit triggers keep (hub migration 016): one row per group, not per credit.
  credits: `SELECT t.outage_id AS "outageId", o.title AS outage, o.starts_at AS "outageStartsAt", t.region, t.status, t.currency,
      t.count::int AS count, t.amount_minor::float8 AS "amountMinor"
    FROM credit_totals t JOIN outages o ON o.id = t.outage_id
    WHERE t.status IN ('scheduled', 'posted') AND t.count > 0`,
  filed: `SELECT d.day, r.requested_by AS "operatorId", op.display_name AS agent, r.reason_code AS reason, r.currency,
      count(*)::int AS count, sum(r.amount_minor)::float8 AS "amountMinor"
    FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS d (day, start, finish)
    JOIN override_requests r ON r.created_at >= d.start AND r.created_at < d.finish
    JOIN operators op ON op.id = r.requested_by
    GROUP BY d.day, r.requested_by, op.display_name, r.reason_code, r.currency`,
  exposure: `SELECT r.currency, count(*)::int AS count, sum(r.amount_minor)::float8 AS "amountMinor"
    FROM override_requests r WHERE ${PENDING} AND r.kind <> 'reverse' GROUP BY r.currency`,
} as const;

const iso = (value: Date | string | null): string | null => (value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString());

async function rowsOf<R extends pg.QueryResultRow>(tx: Tx, sql: string, params: unknown[]): Promise<R[]> {
  return (await tx.query<R>(sql, params)).rows;
}

/** The dashboard's figures at `now`, from the hub's tables. */
export async function readHubDashboard(pool: pg.Pool, now: Date): Promise<DashboardFigures> {
  return inTransaction(
    pool,
    async (tx) => {
      const settings = { ...(await readOverrideSettings(tx)), siteTimeZone: await readSiteTimeZone(tx) };
      const w = dashboardWindows(now, settings);
      const sql = hubDashboardSql;
      const pending = (await rowsOf<{ count: number; oldest: Date | null }>(tx, sql.pending, [w.overdueCutoff]))[0]!;
      const expiringCount = (await rowsOf<{ count: number }>(tx, sql.expiringCount, [w.overdueCutoff, w.soonCutoff]))[0]!.count;
      const expiring = await rowsOf<{ id: string; accountNumber: string; agent: string; amountMinor: number; currency: Currency; createdAt: Date }>(
        tx,
        sql.expiring,
        [w.overdueCutoff, w.soonCutoff],
      );
      const queueAge = await rowsOf<{ bucket: QueueAgeBucket; count: number }>(tx, sql.queueAge, [w.overdueCutoff, ...w.queueAge]);
      const approvedToday = await rowsOf<DashboardRows['approvedToday'][number]>(tx, sql.approvedToday, [w.today.start, w.today.end]);
      const credits = await rowsOf<Omit<DashboardRows['credits'][number], 'outageStartsAt'> & { outageStartsAt: Date }>(tx, sql.credits, []);
      const filed = await rowsOf<DashboardRows['filed'][number]>(tx, sql.filed, [w.days.map((d) => d.day), w.days.map((d) => d.start), w.days.map((d) => d.end)]);
      const exposure = await rowsOf<DashboardRows['exposure'][number]>(tx, sql.exposure, [w.overdueCutoff]);
      const rows: DashboardRows = {
        pending: { count: pending.count, oldestCreatedAt: iso(pending.oldest) },
        expiringSoonCount: expiringCount,
        expiring: expiring.map((row) => ({ ...row, createdAt: iso(row.createdAt)! })),
        queueAge,
        approvedToday,
        credits: credits.map((row) => ({ ...row, outageStartsAt: iso(row.outageStartsAt)! })),
        filed,
        exposure,
      };
      return assembleDashboardSummary(rows, settings, now);
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}
