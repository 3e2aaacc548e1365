import type Database from 'better-sqlite3';
import { businessDayBounds, isKnownTimeZone, type DayBounds } from '@shared/domain/business-day';
import { currencies } from '@shared/domain/account';
import { DEFAULT_OVERRIDE_SETTINGS, overrideSettingsProblems, type DeskOverrideSettings, type LimitByCurrency, type OverrideSettings } from '@shared/domain/override';
import { err, ok, type Err, type Result } from '@shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '@shared/domain/operator';
import { readCurrencyLimits, readOverrideSettings, saveOverrideSettings } from './override-repo';

/** The zone this desktop runs in: the site's time zone until an admin chooses one. */
export function desktopTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : 'UTC';
}

/**
 * The admin's limits per currency and the site time zone; the defaults (and the desktop's zone)
 * for what was never set. A currency without stored limits has the built-in ones.
 */
export function getOverrideSettings(db: Database.Database): DeskOverrideSettings {
  const stored = readOverrideSettings(db);
  const limits = readCurrencyLimits(db);
  const each = (field: 'perRequestCapMinor' | 'agentDailyTotalMinor') =>
    Object.fromEntries(currencies.map((c) => [c, limits.get(c)?.[field] ?? DEFAULT_OVERRIDE_SETTINGS[field][c]])) as LimitByCurrency;
  const perCurrency = { perRequestCapMinor: each('perRequestCapMinor'), agentDailyTotalMinor: each('agentDailyTotalMinor') };
  if (!stored) return { ...DEFAULT_OVERRIDE_SETTINGS, ...perCurrency, siteTimeZone: desktopTimeZone() };
  return {
    ...perCurrency,
    expiryDays: stored.expiryDays,
    siteTimeZone: stored.siteTimeZone !== null && isKnownTimeZone(stored.siteTimeZone) ? stored.siteTimeZone : desktopTimeZone(),
  };
}

/** The site's business day that `now` falls in: what the per-agent daily total counts. */
export function siteBusinessDay(settings: DeskOverrideSettings, now: Date): DayBounds {
  return businessDayBounds(now, settings.siteTimeZone);
}

/**
 * An admin's change of the limits, in one transaction with its audit event (before and after).
 * A daily total below its own currency's cap is refused (INVALID_INPUT) with nothing changed.
 */
export function setOverrideSettings(db: Database.Database, actor: Actor, now: Date, next: DeskOverrideSettings): Result<DeskOverrideSettings> {
  const refusal = limitsRefusal(next);
  if (refusal) return refusal;
  return ok(saveAuditedSettings(db, actor, now, next));
}

/** INVALID_INPUT `daily_below_cap` naming the currencies whose daily total is below their cap, or null. */
export function limitsRefusal(next: OverrideSettings): Err | null {
  const below = overrideSettingsProblems(next);
  if (below.length === 0) return null;
  return err('INVALID_INPUT', {
    issues: below.map((c) => ({ path: `agentDailyTotalMinor.${c}`, message: 'daily_below_cap' })),
    details: { reason: 'daily_below_cap', currencies: below.join(',') },
  });
}

function saveAuditedSettings(db: Database.Database, actor: Actor, now: Date, next: DeskOverrideSettings): DeskOverrideSettings {
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
