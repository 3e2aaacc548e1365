import type pg from 'pg';
import { SiteTimeZone, type OverrideSettings } from '@shared/domain/override';
import type { Tx } from '../db/transaction';

export async function readOverrideSettings(db: pg.Pool | Tx): Promise<OverrideSettings> {
  const { rows } = await db.query<OverrideSettings>(
    `SELECT per_request_cap_minor AS "perRequestCapMinor", agent_daily_total_minor AS "agentDailyTotalMinor",
       expiry_days AS "expiryDays" FROM override_settings WHERE id = 1`,
  );
  return rows[0]!;
}

/**
 * The site time zone whose business day the hub counts the per-agent daily total in (table
 * site_settings, UTC until an admin sets it). A zone the hub's runtime cannot use is refused
 * here rather than counted in some other day.
 */
export async function readSiteTimeZone(db: pg.Pool | Tx): Promise<string> {
  const { rows } = await db.query<{ timeZone: string }>('SELECT time_zone AS "timeZone" FROM site_settings WHERE id = 1');
  const zone = SiteTimeZone.safeParse(rows[0]?.timeZone);
  if (!zone.success) throw new Error(`site_settings.time_zone is not a time zone this hub knows: ${String(rows[0]?.timeZone)}`);
  return zone.data;
}
