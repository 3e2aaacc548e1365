import type Database from 'better-sqlite3';
import { createClipboardHandlers, noClipboard, type ClipboardPort } from './clipboard-handlers';
import { createNotificationHandlers, noNotifier, type NotifierPort } from './notification-handlers';
import type { AuthService } from '../auth/auth-service';
import type { FeedImportService } from '../feeds/feed-import-service';
import type { PolicyRunRegistry } from '../policies/policy-run-registry';
import { createHealthyRecoveryHandlers } from './recovery-handlers';
import { createScreenPopHandlers } from './screen-pop-handlers';
import type { ScreenPopInbox } from '../screen-pop/screen-pop-inbox';
import { createAccountHandlers } from './account-handlers';
import { createAuditHandlers, createIntegrityHandlers, type IntegrityDeps } from './audit-handlers';
import { createAuthHandlers } from './auth-handlers';
import { createDashboardHandlers } from './dashboard-handlers';
import type { ChooseCsvPath } from '../dashboard/csv-save-dialog';
import { createDecisionHandlers } from './decision-handlers';
import { createEvidenceHandlers } from './evidence-handlers';
import { createExportHandlers } from './export-handlers';
import type { FileSaverPort } from '../feeds/report-save-dialog';
import { createFeedHandlers, type FileOpenerPort } from './feed-handlers';
import type { Handlers } from './handlers';
import { createHubHandlers, requireHubOnline, type HubHandlerDeps } from './hub-handlers';
import { createHubSiteSettings } from '../hub-sync/hub-site-settings';
import { createOperatorHandlers } from './operator-handlers';
import { createOverrideHandlers } from './override-handlers';
import type { ScryptParams } from '../auth/password-hash';
import { createPolicyRunHandlers } from './policy-run-handlers';
import { createSearchHandlers } from './search-handlers';
import type { DataVersion } from '../live/data-version';
import type { HubLink } from '@shared/ipc/live-channels';
import { bumpAfterWrites, createLiveHandlers } from './live-handlers';

export interface HandlerDeps {
  readonly db: Database.Database;
  readonly auth: AuthService;
  readonly policyRuns: PolicyRunRegistry;
  readonly feedImport: FeedImportService;
  /** The folder billing posting files are written to (main's choice). */
  readonly exportsDir: string;
  /** The hub this desktop syncs with; standalone without it. */
  readonly hub?: HubHandlerDeps;
  /** The audit anchor and its integrity alarm. */
  readonly integrity: IntegrityDeps;
  /** Links the phone system opened, waiting for the renderer to take them. */
  readonly screenPops: ScreenPopInbox;
  /** How long one screenPopNext call waits; SCREEN_POP_WAIT_MS unless a test needs less. */
  readonly screenPopWaitMs?: number;
  /** Moves when the cache changes; the renderer waits on it to refetch what it shows. */
  readonly dataVersion: DataVersion;
  /** How long one changesNext call waits; CHANGES_WAIT_MS unless a test needs less. */
  readonly changesWaitMs?: number;
  /** The system clipboard (write only); copying does nothing without one. */
  readonly clipboard?: ClipboardPort;
  /** Desktop notifications; none without one. */
  readonly notifier?: NotifierPort;
  /** Asks where to save a figure's CSV (the save dialog in the app); without one, saving is as if cancelled. */
  readonly chooseCsvPath?: ChooseCsvPath;
  /** Opens the files main wrote (an import's report) in the system's viewer; none without one. */
  readonly fileOpener?: FileOpenerPort;
  /** Where to save a hub import's report (Electron's save dialog in the app). */
  readonly fileSaver?: FileSaverPort;
  readonly clock: () => Date;
  /** scrypt cost of the passwords admins and operators set (the auth service's). */
  readonly passwordCost?: ScryptParams;
}

function hubLinkOf(sync: HubHandlerDeps['sync']): HubLink {
  const state = sync?.state();
  if (!state?.enrolled) return 'standalone';
  return state.online ? 'online' : 'offline';
}

/** Merges the per-feature handler maps; `satisfies Handlers` makes a missing channel a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const sync = deps.hub?.sync ?? null;
  const overrides = createOverrideHandlers(deps.db, sync?.outbox);
  const policyRuns = createPolicyRunHandlers(deps.db, deps.policyRuns, sync);
  const feeds = createFeedHandlers(deps.feedImport, deps.fileOpener, sync, undefined, deps.fileSaver);
  const exports = createExportHandlers(deps.db, deps.exportsDir, sync);
  const siteSettings = sync ? createHubSiteSettings(deps.db, sync) : null;
  return bumpAfterWrites({
    ...createAuthHandlers(deps.auth, deps.hub?.sync ?? null),
    ...createOperatorHandlers({
      db: deps.db,
      auth: deps.auth,
      hub: sync,
      ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}),
    }),
    ...createSearchHandlers(deps.db),
    ...createAccountHandlers(deps.db),
    ...createDecisionHandlers(deps.db),
    ...createDashboardHandlers(deps.db, sync, deps.chooseCsvPath ? { choose: deps.chooseCsvPath } : {}),
    ...policyRuns,
    ...overrides,
    ...createEvidenceHandlers(deps.db, sync?.outbox),
    ...createAuditHandlers(deps.db),
    ...createIntegrityHandlers(deps.db, deps.integrity),
    ...feeds,
    ...exports,
    ...createHealthyRecoveryHandlers(),
    ...createHubHandlers(deps.hub ?? { mode: 'standalone', sync: null }),
    ...createScreenPopHandlers(deps.screenPops, deps.screenPopWaitMs),
    ...createLiveHandlers(deps.dataVersion, () => hubLinkOf(sync), deps.changesWaitMs),
    ...createClipboardHandlers(deps.clipboard ?? noClipboard),
    ...createNotificationHandlers(deps.notifier ?? noNotifier, deps.clock),
    // Last, so the guarded handlers replace the plain ones above.
    ...(sync
      ? {
          overridesDecide: requireHubOnline<'overridesDecide'>(sync, overrides.overridesDecide),
          // The site's limits and flag thresholds are the hub's once enrolled: an admin's change acts there.
          overridesSettingsSet: (input, ctx) =>
            sync.state().enrolled ? siteSettings!.setOverrideSettings(ctx.actor!, ctx.now, input) : overrides.overridesSettingsSet(input, ctx),
          overridesPatternsSet: (input, ctx) =>
            sync.state().enrolled ? siteSettings!.setPatternThresholds(ctx.now, input) : overrides.overridesPatternsSet(input, ctx),
          // Site-wide jobs: an offline desktop would compute credits, read feeds or number
          // billing batches that the rest of the site has not seen.
          policyRunStart: requireHubOnline<'policyRunStart'>(sync, policyRuns.policyRunStart),
          feedImportStart: requireHubOnline<'feedImportStart'>(sync, feeds.feedImportStart),
          exportCreateBatch: requireHubOnline<'exportCreateBatch'>(sync, exports.exportCreateBatch),
        }
      : {}),
  } satisfies Handlers, deps.dataVersion);
}
