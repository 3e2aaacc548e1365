import type pg from 'pg';
import type { OverrideSettings } from '@shared/domain/override';
import type { Tx } from '../db/transaction';

export async function readOverrideSettings(db: pg.Pool | Tx): Promise<OverrideSettings> {
  const { rows } = await db.query<OverrideSettings>(
    `SELECT per_request_cap_minor AS "perRequestCapMinor", agent_daily_total_minor AS "agentDailyTotalMinor",
       expiry_days AS "expiryDays" FROM override_settings WHERE id = 1`,
  );
  return rows[0]!;
}

/**
 * The site time zone whose business day the hub counts the per-agent daily total in. The
 * hub's override_settings has no column for it yet, so the hub counts the UTC day; a desktop
 * counts its admin's site zone (its own zone by default) and the hub re-checks in UTC.
 */
export const HUB_SITE_TIME_ZONE = 'UTC';
