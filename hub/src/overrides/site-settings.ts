import type pg from 'pg';
import { overrideSettingsProblems, type DeskOverrideSettings } from '@shared/domain/override';
import type { SiteOverrideSettingsInput } from '@shared/hub/site-settings';
import { DEFAULT_PATTERN_THRESHOLDS, PatternThresholds } from '@shared/domain/override-patterns';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { appendLogs } from '../logs/log-batch';
import { readOverrideSettings, readSiteTimeZone, writeOverrideSettings, writeSiteTimeZone } from './settings-repo';

/**
 * The site's settings an admin changes at the hub (shared/hub/site-settings.ts): the override
 * limits per currency with the site's time zone (whose business day the hub's daily totals
 * count, operation-context.ts), and the pattern-flag thresholds. Each change locks its row, is audited
 * with before and after, and is appended to the change log for every desktop, in one
 * transaction with the write.
 */

/** The stored thresholds over the defaults; a stored value no longer valid gives way to the defaults. */
export async function readPatternThresholds(db: pg.Pool | Tx, lock = false): Promise<PatternThresholds> {
  const { rows } = await db.query<{ thresholds: object }>(`SELECT thresholds FROM pattern_settings WHERE id = 1${lock ? ' FOR UPDATE' : ''}`);
  const stored = rows[0]?.thresholds;
  if (!stored) return DEFAULT_PATTERN_THRESHOLDS;
  const parsed = PatternThresholds.safeParse({ ...DEFAULT_PATTERN_THRESHOLDS, ...stored });
  return parsed.success ? parsed.data : DEFAULT_PATTERN_THRESHOLDS;
}

/** The limits and the site's time zone, as the desktops keep them. */
async function readSiteOverrideSettings(tx: Tx): Promise<DeskOverrideSettings> {
  return { ...(await readOverrideSettings(tx)), siteTimeZone: await readSiteTimeZone(tx) };
}

export async function setSiteOverrideSettings(pool: pg.Pool, caller: Caller, input: SiteOverrideSettingsInput, now: Date): Promise<DeskOverrideSettings> {
  const { siteTimeZone, ...next } = input;
  const below = overrideSettingsProblems(next);
  if (below.length > 0) {
    throw new HubFailure(
      'INVALID_INPUT',
      { reason: 'daily_below_cap', currencies: below.join(',') },
      below.map((c) => ({ path: `agentDailyTotalMinor.${c}`, message: 'daily_below_cap' })),
    );
  }
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT 1 FROM override_settings WHERE id = 1 FOR UPDATE');
    await readSiteTimeZone(tx, true);
    const before = await readSiteOverrideSettings(tx);
    await writeOverrideSettings(tx, next);
    if (siteTimeZone !== undefined && siteTimeZone !== before.siteTimeZone) await writeSiteTimeZone(tx, siteTimeZone);
    const after = await readSiteOverrideSettings(tx);
    await appendLogs(
      tx,
      [{ at: now, operatorId: caller.operator.operatorId, desktopId: caller.desktopId, action: 'override_settings.changed', target: 'override_settings:site', before, after }],
      [{ entity: 'override_settings', entityId: 'site', audience: { kind: 'all' }, data: after }],
    );
    return after;
  });
}

export async function setSitePatternThresholds(pool: pg.Pool, caller: Caller, next: PatternThresholds, now: Date): Promise<PatternThresholds> {
  return inTransaction(pool, async (tx) => {
    const before = await readPatternThresholds(tx, true);
    await tx.query(
      `INSERT INTO pattern_settings (id, thresholds, updated_by, updated_at) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [JSON.stringify(next), caller.operator.operatorId, now],
    );
    const after = await readPatternThresholds(tx);
    await appendLogs(
      tx,
      [{ at: now, operatorId: caller.operator.operatorId, desktopId: caller.desktopId, action: 'override_patterns.changed', target: 'override_patterns:site', before, after }],
      [{ entity: 'pattern_thresholds', entityId: 'site', audience: { kind: 'all' }, data: after }],
    );
    return after;
  });
}
