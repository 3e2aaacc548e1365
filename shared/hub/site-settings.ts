import type { z } from 'zod';
import { DeskOverrideSettings, OverrideSettings, SiteTimeZone } from '../domain/override';
import { PatternThresholds } from '../domain/override-patterns';

/*
 * The site's settings at the hub that an admin changes from a desktop's limits screen: the
 * override limits (per currency) and the thresholds of the supervisors' pattern flags. Each
 * change is audited at the hub and reaches every desktop by the change log
 * (`override_settings`, `pattern_thresholds`). A daily total below its own currency's cap is
 * INVALID_INPUT `daily_below_cap`, with nothing changed.
 *
 * The site's time zone (whose business day the hub counts each agent's daily total in) is
 * changed with the limits, in the same change: an IANA zone by the desktop's own rule
 * (SiteTimeZone); absent, the hub's zone stays. The answer and the log entry carry it.
 */
export const SiteOverrideSettingsInput = OverrideSettings.extend({ siteTimeZone: SiteTimeZone.optional() });
export type SiteOverrideSettingsInput = z.infer<typeof SiteOverrideSettingsInput>;

const admin = ['admin'] as const;

/** The routes of the site's settings (spread into hubRoutes). */
export const siteSettingsRoutes = {
  overrideSettingsSet: { method: 'POST', path: '/v1/admin/override-settings', access: admin, input: SiteOverrideSettingsInput, output: DeskOverrideSettings },
  patternThresholdsSet: { method: 'POST', path: '/v1/admin/pattern-thresholds', access: admin, input: PatternThresholds, output: PatternThresholds },
} as const;
