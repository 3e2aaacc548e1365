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
