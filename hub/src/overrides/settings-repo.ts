import type pg from 'pg';
import { OverrideSettings, SiteTimeZone } from '@shared/domain/override';
import { HubFailure } from '../common/hub-failure';
import type { Tx } from '../db/transaction';

/**
 * The limits of every currency (table override_currency_limits, hub migration 013) as two JSON
 * objects, read in the same statement as the settings row so no operation pays a round trip
 * for them; override_settings' single-amount columns are no longer read.
 */
const SETTINGS_COLUMNS = `s.expiry_days AS "expiryDays",
  (SELECT jsonb_object_agg(l.currency, l.per_request_cap_minor) FROM override_currency_limits l) AS "perRequestCapMinor",
  (SELECT jsonb_object_agg(l.currency, l.agent_daily_total_minor) FROM override_currency_limits l) AS "agentDailyTotalMinor"`;

export async function readOverrideSettings(db: pg.Pool | Tx): Promise<OverrideSettings> {
  const { rows } = await db.query<OverrideSettings>(`SELECT ${SETTINGS_COLUMNS} FROM override_settings s WHERE s.id = 1`);
  return OverrideSettings.parse(rows[0]);
}

/**
 * Replaces the site's limits (every currency) and the days to decide; the caller holds the
 * transaction, audits and logs the change. One statement: the settings row is locked first.
 */
export async function writeOverrideSettings(tx: Tx, settings: OverrideSettings): Promise<void> {
  await tx.query(
    `WITH s AS (UPDATE override_settings SET expiry_days = $1 WHERE id = 1 RETURNING id)
     UPDATE override_currency_limits l SET per_request_cap_minor = (($2::jsonb) ->> l.currency)::int,
       agent_daily_total_minor = (($3::jsonb) ->> l.currency)::int
     FROM s`,
    [settings.expiryDays, JSON.stringify(settings.perRequestCapMinor), JSON.stringify(settings.agentDailyTotalMinor)],
  );
}

/**
 * The site time zone whose business day the hub counts the per-agent daily total in (table
 * site_settings, UTC until an admin sets it). A zone the hub's runtime cannot use is refused
 * here rather than counted in some other day.
 */
function siteTimeZoneOf(stored: unknown): string {
  const zone = SiteTimeZone.safeParse(stored);
  if (!zone.success) throw new Error(`site_settings.time_zone is not a time zone this hub knows: ${String(stored)}`);
  return zone.data;
}

/** The site's time zone as stored (site_settings); `lock` holds its row for a change. */
export async function readSiteTimeZone(db: pg.Pool | Tx, lock = false): Promise<string> {
  const { rows } = await db.query<{ zone: string }>(`SELECT time_zone AS zone FROM site_settings WHERE id = 1${lock ? ' FOR UPDATE' : ''}`);
  return siteTimeZoneOf(rows[0]?.zone);
}

/**
 * Sets the site's time zone; the caller holds the transaction. A zone PostgreSQL does not know
 * (its CHECK, hub migration 003) is INVALID_INPUT `unknown_time_zone`: the caller's
 * transaction rolls back, nothing changed.
 */
export async function writeSiteTimeZone(tx: Tx, zone: string): Promise<void> {
  try {
    await tx.query('UPDATE site_settings SET time_zone = $1 WHERE id = 1', [zone]);
  } catch (error) {
    if ((error as { code?: string }).code === '23514' || (error as { code?: string }).code === '22023') {
      throw new HubFailure('INVALID_INPUT', { reason: 'unknown_time_zone' }, [{ path: 'siteTimeZone', message: 'unknown_time_zone' }]);
    }
    throw error;
  }
}

export interface OperationStart {
  /** The desktop's last applied seq, its row locked for the rest of the transaction. */
  readonly lastAppliedSeq: number;
  readonly settings: OverrideSettings;
  readonly siteTimeZone: string;
}

/**
 * What every operation reads first, in one round trip: the desktop's row locked (one
 * operation of a desktop at a time) with its last seq, the override settings and the site's
 * time zone. Null when the desktop is unknown.
 */
export async function startOperation(tx: Tx, desktopId: string): Promise<OperationStart | null> {
  const { rows } = await tx.query<{ seq: number; timeZone: string } & OverrideSettings>(
    `SELECT d.last_applied_seq::float8 AS seq, ${SETTINGS_COLUMNS}, z.time_zone AS "timeZone"
     FROM desktops d LEFT JOIN override_settings s ON s.id = 1 LEFT JOIN site_settings z ON z.id = 1
     WHERE d.id = $1 FOR UPDATE OF d`,
    [desktopId],
  );
  const row = rows[0];
  if (!row) return null;
  const { seq, timeZone, ...settings } = row;
  return { lastAppliedSeq: seq, settings: OverrideSettings.parse(settings), siteTimeZone: siteTimeZoneOf(timeZone) };
}
