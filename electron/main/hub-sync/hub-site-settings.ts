import type Database from 'better-sqlite3';
import type { DeskOverrideSettings } from '@shared/domain/override';
import type { PatternThresholds } from '@shared/domain/override-patterns';
import type { Actor } from '@shared/domain/operator';
import { err, ok, type Result } from '@shared/ipc/result';
import { savePatternThresholds } from '../overrides/override-patterns';
import { limitsRefusal, setOverrideSettings } from '../overrides/override-settings';
import type { HubClientError } from './hub-client';
import { hubFailure } from './hub-results';
import type { HubSync } from './hub-sync';

/*
 * The site's settings on an enrolled desktop: the override limits and the flag thresholds are
 * the hub's, and so is the site's time zone. An admin's change goes to the hub as the signed-in operator (the hub checks the
 * role, audits it and logs it for every desktop); its answer is written to this desktop's cache
 * at once, and the change log brings the same to every other desktop (apply-changes.ts).
 * Nothing is queued: without the hub the change is refused (needs_hub). Before enrolment the
 * desktop's own settings apply, as standalone.
 */

const needsHub = () => err('HUB_UNAVAILABLE', { details: { reason: 'needs_hub' } });

function failed(error: HubClientError) {
  if (error.code === 'HUB_UNREACHABLE' || error.code === 'UNAVAILABLE') return needsHub();
  if (error.code === 'NOT_SIGNED_IN' || error.code === 'TOKEN_EXPIRED') return err('NOT_SIGNED_IN');
  return hubFailure(error);
}

export interface HubSiteSettings {
  setOverrideSettings(actor: Actor, now: Date, input: DeskOverrideSettings): Promise<Result<DeskOverrideSettings>>;
  setPatternThresholds(now: Date, input: PatternThresholds): Promise<Result<PatternThresholds>>;
}

export function createHubSiteSettings(db: Database.Database, sync: HubSync): HubSiteSettings {
  return {
    async setOverrideSettings(actor, now, input) {
      const refusal = limitsRefusal(input);
      if (refusal) return refusal;
      // The limits and the site's time zone together: the hub counts its daily totals in it.
      const answer = await sync.callAsOperator('overrideSettingsSet', input);
      if (!answer.ok) return failed(answer.error);
      // The hub's answer into the cache (this desktop counts its offline daily totals in the
      // same zone); the desktop's own audit records what it changed here.
      return setOverrideSettings(db, actor, now, answer.value);
    },
    async setPatternThresholds(now, input) {
      const answer = await sync.callAsOperator('patternThresholdsSet', input);
      if (!answer.ok) return failed(answer.error);
      // Audited at the hub; this is the cache of the hub's setting (the log entry brings the same).
      savePatternThresholds(db, answer.value, null, now);
      return ok(answer.value);
    },
  };
}
