import type pg from 'pg';
import { overrideSettingsProblems, type OverrideSettings } from '@shared/domain/override';
import { DEFAULT_PATTERN_THRESHOLDS, PatternThresholds } from '@shared/domain/override-patterns';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { appendLogs } from '../logs/log-batch';
import { readOverrideSettings, writeOverrideSettings } from './settings-repo';

/**
 * The site's settings an admin changes at the hub (shared/hub/site-settings.ts): the override
 * limits per currency and the pattern-flag thresholds. Each change locks its row, is audited
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

export async function setSiteOverrideSettings(pool: pg.Pool, caller: Caller, next: OverrideSettings, now: Date): Promise<OverrideSettings> {
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
    const before = await readOverrideSettings(tx);
    await writeOverrideSettings(tx, next);
    const after = await readOverrideSettings(tx);
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
