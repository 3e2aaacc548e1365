import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ClipboardPort } from '../ipc/clipboard-handlers';
import type { ChooseCsvPath } from '../dashboard/csv-save-dialog';
import type { FileSaverPort } from '../feeds/report-save-dialog';
import type { FileOpenerPort } from '../ipc/feed-handlers';
import type { NotifierPort } from '../ipc/notification-handlers';
import { openAuditAnchor, type AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditChain, type AuditChainStatus } from '../audit/audit-log';
import type { AnchorSealer } from '../audit/audit-stamp';
import { withRefusalAudit } from '../ipc/refusal-audit';
import { createAuthService, type AuthService } from '../auth/auth-service';
import { ensureDemoOperators } from '../auth/demo-operators';
import { hasAnyOperator } from '../auth/operator-repo';
import { hasAccounts } from '../db/bulk-load-repo';
import { backupBeforeMigrate } from '../backup/backup-hooks';
import { scheduleBackups } from '../backup/backup-schedule';
import { openDatabase } from '../db/open-database';
import { seedDemo as seedDemoData } from '../demo/generate-dataset';
import { createFeedBackendDeps } from '../feeds/feed-backend-deps';
import type { FeedImportService, PickFeedFiles } from '../feeds/feed-import-service';
import type { ScryptParams } from '../auth/password-hash';
import { countingCalls, createHubClient } from '../hub-sync/hub-client';
import type { HubSetting } from '../hub-sync/hub-config';
import { createHubSync, type HubSync } from '../hub-sync/hub-sync';
import { unsealedStorage, type SecretSealer } from '../hub-sync/secret-sealer';
import type { SenderInfo } from '../window/sender-info';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/create-handlers';
import { createScreenPopInbox, lookupOfHubPop, type ScreenPopInbox } from '../screen-pop/screen-pop-inbox';
import { createDataVersion, type DataVersion } from '../live/data-version';
import { createPolicyRunRegistry, type PolicyRunRegistry } from '../policies/policy-run-registry';
import { settleWaitingClaims } from '../evidence-intake/claimed-credits';
import { attachDemoPolicies, seedBuiltInPolicies } from '../policies/seed-policies';
import { recordCleanShutdown } from '../recovery/clean-shutdown';

export interface BackendOptions {
  readonly dbPath: string;
  readonly clock?: () => Date;
  readonly isTrustedSender: (sender: SenderInfo) => boolean;
  /** Fill an empty database with demo accounts and create the demo operators. */
  readonly seedDemo?: boolean;
  /** A better-sqlite3 binary built for another ABI (Electron's), see scripts/electron-native.mjs. */
  readonly nativeBinding?: string;
  readonly onInternalError?: (channel: string, error: unknown) => void;
  /** Where verified backups go (before migrations, and every backupIntervalMs); none without it. */
  readonly backupDir?: string;
  readonly backupIntervalMs?: number;
  /** Chooses feed files for an import (a dialog in the app; fixed paths in tests). */
  readonly pickFeedFiles?: PickFeedFiles;
  /** Where import reports and billing exports are written; beside the database by default. */
  readonly dataDir?: string;
  /**
   * scrypt cost for new password hashes (demo operators and rehashes at sign-in); OWASP's by
   * default. Tests pass a cheap cost here so they take the same code path, only faster.
   */
  readonly passwordCost?: ScryptParams;
  /** How long one screenPopNext call waits for a link (the renderer asks again after); tests shorten it. */
  readonly screenPopWaitMs?: number;
  /** The hub this desktop syncs with (hub-sync/hub-config.ts); standalone without one. */
  readonly hub?: HubSetting;
  /** Seals the desktop's hub secret at rest: Electron's safeStorage in the app. */
  readonly hubSealer?: SecretSealer;
  /** The fallback pull period (30 s by default); 0 turns it off. */
  readonly hubPullIntervalMs?: number;
  /** How long one changesNext call waits for the data to move (the renderer asks again after); tests shorten it. */
  readonly changesWaitMs?: number;
  /**
   * Seals the key of the audit anchor (the stamp file beside the database): Electron's
   * safeStorage in the app. Without one the key is stored as is, and the anchor reports weak.
   */
  readonly anchorSealer?: AnchorSealer;
  /** Where to save a figure's CSV (Electron's save dialog in the app; a fixed path in tests). */
  readonly chooseCsvPath?: ChooseCsvPath;
  /** The system clipboard, for the copy buttons (Electron's clipboard in the app). */
  readonly clipboard?: ClipboardPort;
  /** Desktop notifications (Electron's Notification in the app). */
  readonly notifier?: NotifierPort;
  /** Opens an import's report in the system's viewer (Electron's shell.openPath in the app). */
  readonly fileOpener?: FileOpenerPort;
  /** Asks where to save a hub import's report of rejected rows (Electron's save dialog in the app). */
  readonly fileSaver?: FileSaverPort;
}

/** Where no sealer is given: the key is stored as is, so the anchor is weak. */
const weakAnchorSealer: AnchorSealer = { ...unsealedStorage, osBacked: false };

export interface Backend {
  readonly db: Database.Database;
  readonly dispatch: Dispatch;
  readonly auth: AuthService;
  readonly policyRuns: PolicyRunRegistry;
  readonly feedImport: FeedImportService;
  /** The audit chain as verified when the backend started; a broken chain is also logged. */
  readonly auditChainAtStart: AuditChainStatus;
  /** The chain's head kept outside the database, and the integrity alarm raised when the two disagree. */
  readonly auditAnchor: AuditAnchor;
  /** Null on a standalone desktop. */
  readonly hubSync: HubSync | null;
  /** Where the app hands the links the phone system opens (outage-credit-desk://lookup?...). */
  readonly screenPops: ScreenPopInbox;
  /** Moves whenever the cache changed; the renderer's changesNext waits on it. */
  readonly dataVersion: DataVersion;
  close(): void;
}

/**
 * Everything behind IPC, without Electron: the app and the end-to-end harness both build
 * their backend here and differ only in how they recognise a trusted sender.
 */
export function createBackend(options: BackendOptions): Backend {
  const clock = options.clock ?? (() => new Date());
  const db = openDatabase(options.dbPath, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.backupDir ? { beforeMigrate: backupBeforeMigrate(options.backupDir, clock, options.nativeBinding) } : {}),
  });
  try {
    // The built-in packs ship with the app: every database has them (stored versions are never rewritten).
    seedBuiltInPolicies(db);
    // Demo data and its published operators go only into a database nobody has used: one
    // with accounts or operators of its own is never given demo sign-ins.
    if (options.seedDemo && !hasAccounts(db) && !hasAnyOperator(db)) {
      seedDemoData(db);
      attachDemoPolicies(db);
      ensureDemoOperators(db, clock(), options.passwordCost);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const auditChainAtStart = verifyAuditChain(db);
  if (!auditChainAtStart.ok) console.error('Audit chain broken at start', auditChainAtStart);
  let auditAnchor: AuditAnchor;
  try {
    auditAnchor = openAuditAnchor({ db, dbPath: options.dbPath, sealer: options.anchorSealer ?? weakAnchorSealer, chain: auditChainAtStart, clock });
  } catch (error) {
    db.close();
    throw error;
  }
  const auth = createAuthService(db, { clock, passwordCost: options.passwordCost });
  const onInternalError = options.onInternalError ?? ((channel, error) => console.error(`IPC ${channel} failed`, error));
  const feeds = createFeedBackendDeps({ ...options, db, clock, onError: (error) => onInternalError('feedImport', error) });
  const policyRuns = createPolicyRunRegistry(db, {
    clock,
    onError: (error) => onInternalError('policyRun', error),
    afterRun: (outageId, at) => void settleWaitingClaims(db, at, outageId),
  });
  const dataVersion = createDataVersion();
  const screenPops = createScreenPopInbox();
  let hubCalls = 0;
  const hubSync =
    options.hub?.mode === 'hub'
      ? createHubSync({
          db,
          client: countingCalls(createHubClient({ url: options.hub.url, ca: options.hub.ca }), () => (hubCalls += 1)),
          sealer: options.hubSealer ?? unsealedStorage,
          clock,
          auditWitness: auditAnchor.hubWitness,
          ...(options.hubPullIntervalMs !== undefined ? { pullIntervalMs: options.hubPullIntervalMs } : {}),
          onCacheChanged: () => dataVersion.bump(),
          onScreenPop: (pop, username) => screenPops.offerLookup(lookupOfHubPop(pop), username),
          archiveDir: join(options.dataDir ?? dirname(options.dbPath), 'archives'),
          ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
          onOfflineOperatorRefused: (username) => {
            if (auth.current(clock())?.username === username) auth.signOut();
          },
          onHubSessionEnded: (username) => {
            if (auth.current(clock())?.username === username) auth.signOut();
          },
          onError: (error) => {
            if (error.code !== 'HUB_UNREACHABLE') console.error('Hub sync:', error.code, error.cause ?? '');
          },
        })
      : null;
  const hubMode = options.hub?.mode === 'invalid' ? 'invalid_config' : (options.hub?.mode ?? 'standalone');
  const innerDispatch = createDispatcher({
    handlers: createHandlers({
      db,
      auth,
      policyRuns,
      ...feeds,
      hub: { mode: hubMode, sync: hubSync },
      integrity: { anchor: auditAnchor, hubConfigured: options.hub?.mode === 'hub' },
      screenPops,
      dataVersion,
      ...(options.screenPopWaitMs !== undefined ? { screenPopWaitMs: options.screenPopWaitMs } : {}),
      ...(options.changesWaitMs !== undefined ? { changesWaitMs: options.changesWaitMs } : {}),
      ...(options.clipboard ? { clipboard: options.clipboard } : {}),
      ...(options.chooseCsvPath ? { chooseCsvPath: options.chooseCsvPath } : {}),
      ...(options.notifier ? { notifier: options.notifier } : {}),
      ...(options.fileOpener ? { fileOpener: options.fileOpener } : {}),
      ...(options.fileSaver ? { fileSaver: options.fileSaver } : {}),
      ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
      clock,
    }),
    session: auth,
    isTrustedSender: options.isTrustedSender,
    clock,
    onInternalError,
    integrityAlarmed: () => auditAnchor.alarm() !== null,
    hubCalls: () => hubCalls,
  });
  const dispatch = withRefusalAudit(innerDispatch, {
    db,
    clock,
    currentActor: (now) => auth.current(now),
  });
  const backups =
    options.backupDir && options.backupIntervalMs
      ? scheduleBackups({
          db,
          dir: options.backupDir,
          intervalMs: options.backupIntervalMs,
          clock,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          onError: (error) => console.error('Scheduled backup failed', error),
        })
      : null;
  return {
    db,
    dispatch,
    auth,
    policyRuns,
    feedImport: feeds.feedImport,
    auditChainAtStart,
    auditAnchor,
    hubSync,
    screenPops,
    dataVersion,
    close() {
      backups?.stop();
      screenPops.close();
      dataVersion.close();
      hubSync?.close();
      auth.signOut();
      dispatch.flushRefusals();
      auditAnchor.close();
      if (db.open) {
        db.close();
        recordCleanShutdown(options.dbPath);
      }
    },
  };
}
