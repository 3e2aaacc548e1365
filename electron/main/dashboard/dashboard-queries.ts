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

const sql = {
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
  // A plain query: on 500,000 credits it is the slow part of the dashboard (docs/BENCHMARKS.md).
  credits: `SELECT x.outageId, out.title AS outage, a.region, x.status, x.currency, count(*) AS count, sum(x.amountMinor) AS amountMinor
    FROM (SELECT c.outage_id AS outageId, c.account_id AS accountId, c.currency, c.amount_minor AS amountMinor, ${EFFECTIVE_STATUS} AS status
      FROM credits c) x
    JOIN accounts a ON a.id = x.accountId JOIN outages out ON out.id = x.outageId
    WHERE x.status IN ('scheduled', 'posted')
    GROUP BY x.outageId, a.region, x.status, x.currency ORDER BY out.starts_at DESC, x.outageId, a.region, x.status, x.currency`,
  filed: `SELECT d.key AS day, op.display_name AS agent, o.reason_code AS reason, o.currency, count(*) AS count, sum(o.amount_minor) AS amountMinor
    FROM json_each(?) d JOIN override_requests o
      ON o.created_at >= json_extract(d.value, '$[0]') AND o.created_at < json_extract(d.value, '$[1]')
    JOIN operators op ON op.id = o.requested_by
    GROUP BY d.key, o.requested_by, o.reason_code, o.currency`,
  exposure: `SELECT currency, count(*) AS count, sum(amount_minor) AS amountMinor FROM override_requests
    WHERE status = 'pending' AND kind <> 'reverse' GROUP BY currency ORDER BY currency`,
} as const;

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

/**
 * Everything the supervisor's home shows, read in one transaction after expiry is applied (so a
 * request whose time is up is not counted as pending). Money stays per currency throughout.
 */
export function readDashboardSummary(db: Database.Database, now: Date): DashboardSummary {
  return db
    .transaction((): DashboardSummary => {
      const settings = getOverrideSettings(db);
      expireOverdueOverrides(db, settings, now);
      const nowMs = now.getTime();
      const iso = (ms: number) => new Date(ms).toISOString();
      const expiryMs = settings.expiryDays * DAY_MS;
      const soonCutoff = iso(nowMs + DAY_MS - expiryMs);
      const pending = cachedStatement<[], { count: number; oldest: string | null }>(db, sql.pending).get()!;
      const expiringSoonCount = cachedStatement<[string], number>(db, sql.expiringCount).pluck().get(soonCutoff) ?? 0;
      const expiring = cachedStatement<[string], { id: string; accountNumber: string; agent: string; amountMinor: number; currency: MoneyRow['currency']; createdAt: string }>(
        db,
        sql.expiring,
      ).all(soonCutoff);
      const ages = cachedStatement<string[], { bucket: QueueAgeBucket; count: number }>(db, sql.queueAge).all(
        iso(nowMs - HOUR_MS),
        iso(nowMs - 4 * HOUR_MS),
        iso(nowMs - DAY_MS),
        iso(nowMs - 3 * DAY_MS),
      );
      const ageCounts = new Map(ages.map((row) => [row.bucket, row.count]));
      const today = businessDayBounds(now, settings.siteTimeZone);
      const approved = cachedStatement<[string, string], { agent: string; currency: MoneyRow['currency']; count: number; amountMinor: number; ownLimit: number | null }>(
        db,
        sql.approvedToday,
      ).all(today.start, today.end);
      const days = siteDays(now, settings.siteTimeZone, OVERRIDE_DAYS);
      const filed = cachedStatement<[string], { day: string; agent: string; reason: string } & MoneyRow>(db, sql.filed).all(
        JSON.stringify(Object.fromEntries(days.map((d) => [d.day, [d.start, d.end]]))),
      );
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
        approvalsToday: approved.map(({ ownLimit, ...row }) => ({ ...row, limitMinor: ownLimit ?? settings.agentDailyTotalMinor })),
        credits: cachedStatement<[], DashboardSummary['credits'][number]>(db, sql.credits).all(),
        overridesByReason: [...byReason.values()].sort(byAmount),
        overridesByAgent: [...byAgent.values()].sort(byAmount),
        overridesPerDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day) || a.agent.localeCompare(b.agent) || a.reason.localeCompare(b.reason)),
        exposure: cachedStatement<[], MoneyRow>(db, sql.exposure).all(),
      };
    })
    .immediate();
}
