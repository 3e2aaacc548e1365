import type Database from 'better-sqlite3';
import { DEFAULT_OVERRIDE_SETTINGS, type OverrideSettings } from '@shared/domain/override';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '@shared/domain/operator';
import { readOverrideSettings, saveOverrideSettings } from './override-repo';

/** The admin's limits, or the defaults while none were set. */
export function getOverrideSettings(db: Database.Database): OverrideSettings {
  const stored = readOverrideSettings(db);
  if (!stored) return { ...DEFAULT_OVERRIDE_SETTINGS };
  return {
    perRequestCapMinor: stored.perRequestCapMinor,
    agentDailyTotalMinor: stored.agentDailyTotalMinor,
    expiryDays: stored.expiryDays,
  };
}

export function setOverrideSettings(db: Database.Database, actor: Actor, now: Date, next: OverrideSettings): OverrideSettings {
  return db
    .transaction(() => {
      const before = getOverrideSettings(db);
      saveOverrideSettings(db, { ...next, updatedBy: actor.operatorId, updatedAt: now.toISOString() });
      const after = getOverrideSettings(db);
      appendAudit(db, {
        operatorId: actor.operatorId,
        action: 'override_settings.changed',
        target: 'override_settings:1',
        before: { ...before },
        after: { ...after },
        at: now,
      });
      return after;
    })
    .immediate();
}
