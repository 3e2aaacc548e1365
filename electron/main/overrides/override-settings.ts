import type Database from 'better-sqlite3';
import { businessDayBounds, isKnownTimeZone, type DayBounds } from '@shared/domain/business-day';
import { DEFAULT_OVERRIDE_SETTINGS, type DeskOverrideSettings } from '@shared/domain/override';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '@shared/domain/operator';
import { readOverrideSettings, saveOverrideSettings } from './override-repo';

/** The zone this desktop runs in: the site's time zone until an admin chooses one. */
export function desktopTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : 'UTC';
}

/** The admin's limits and site time zone, or the defaults (and the desktop's zone) while none were set. */
export function getOverrideSettings(db: Database.Database): DeskOverrideSettings {
  const stored = readOverrideSettings(db);
  if (!stored) return { ...DEFAULT_OVERRIDE_SETTINGS, siteTimeZone: desktopTimeZone() };
  return {
    perRequestCapMinor: stored.perRequestCapMinor,
    agentDailyTotalMinor: stored.agentDailyTotalMinor,
    expiryDays: stored.expiryDays,
    siteTimeZone: stored.siteTimeZone !== null && isKnownTimeZone(stored.siteTimeZone) ? stored.siteTimeZone : desktopTimeZone(),
  };
}

/** The site's business day that `now` falls in: what the per-agent daily total counts. */
export function siteBusinessDay(settings: DeskOverrideSettings, now: Date): DayBounds {
  return businessDayBounds(now, settings.siteTimeZone);
}

export function setOverrideSettings(db: Database.Database, actor: Actor, now: Date, next: DeskOverrideSettings): DeskOverrideSettings {
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
