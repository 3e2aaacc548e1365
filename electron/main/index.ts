import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, clipboard, dialog, ipcMain, Notification, session, shell, type BrowserWindow } from 'electron';
import { builtAppPaths, databasePath } from './app/app-paths';
import { launchSettings } from './app/launch-settings';
import { safeStorageSealer } from './app/safe-storage-sealer';
import { startFailureText } from './app/start-failure-text';
import { electronNativeBindingPath } from './app/native-binding';
import { createFeedFileDialog } from './feeds/feed-file-dialog';
import { createCsvSaveDialog } from './dashboard/csv-save-dialog';
import { createReportSaveDialog } from './feeds/report-save-dialog';
import { loadHubSetting, machineSources } from './hub-sync/hub-config';
import { registerIpc } from './ipc/register-ipc';
import { startBackend } from './app/start-backend';
import { registerAppScheme, serveRendererFolder } from './window/app-protocol';
import { createMainWindow } from './window/create-main-window';
import { appOrigins, isTrustedSender } from './window/is-trusted-sender';
import { denyAllPermissions, guardWebContents } from './window/security-handlers';
import { takeScreenPopLinks } from './screen-pop/os-links';

let mainWindow: BrowserWindow | null = null;

/** Verified backups are taken this often while the app runs (and before every migration). */
const BACKUP_INTERVAL_MS = 30 * 60 * 1000;

const launch = launchSettings(app.isPackaged, process.env);
// Lets the Electron smoke test start from an empty profile instead of the developer's own one.
if (launch.userDataDir) app.setPath('userData', launch.userDataDir);

app.enableSandbox();
registerAppScheme();

/**
 * Screen-pop links from the operating system (second launch, open-url, this launch's own
 * argv); null when another instance runs, which gets them. They reach the backend's inbox
 * once it runs (never in recovery mode).
 */
const screenPopLinks = takeScreenPopLinks(app, () => mainWindow, process.argv);

if (screenPopLinks) {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(failToStart);
}

/**
 * Unpackaged runs load better-sqlite3 built for Electron from .cache (see scripts/electron-native.mjs),
 * because node_modules keeps the Node build for the tests. Packaged builds rebuild node_modules.
 */
function nativeBindingForThisRun(): string | undefined {
  const electronVersion = process.versions.electron;
  if (app.isPackaged || !electronVersion) return undefined;
  const binding = electronNativeBindingPath(app.getAppPath(), electronVersion);
  if (!existsSync(binding)) {
    throw new Error(`better-sqlite3 for Electron ${electronVersion} is missing at ${binding}. Run: node scripts/electron-native.mjs`);
  }
  return binding;
}

function start(): void {
  const paths = builtAppPaths(__dirname);
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  const origins = appOrigins(devServerUrl);

  denyAllPermissions(session.defaultSession);
  const stopServing = serveRendererFolder(paths.renderer);
  const hub = loadHubSetting(machineSources(app.isPackaged));
  if (hub.mode === 'invalid') console.error(`Hub configuration ${hub.code} (${hub.source}): ${hub.problem}; running standalone`);
  // A database that fails its start check opens the read-only recovery screen instead.
  const backend = startBackend({
    dbPath: databasePath(app.getPath('userData')),
    backupDir: join(app.getPath('userData'), 'backups'),
    backupIntervalMs: BACKUP_INTERVAL_MS,
    // Let the reply reach the recovery screen, then start again on the restored file.
    onRestored: () => {
      setTimeout(() => {
        app.relaunch();
        app.quit();
      }, 1500);
    },
    isTrustedSender: (sender) => isTrustedSender(sender, origins),
    // A development run starts on the demo data set; a packaged one never seeds it.
    seedDemo: launch.seedDemo,
    nativeBinding: nativeBindingForThisRun(),
    // Feed files are chosen here, in main; the renderer never names a path.
    pickFeedFiles: createFeedFileDialog(
      dialog,
      () => mainWindow,
      // The signed-in operator's interface language; the desktop's before anyone signs in.
      () => (backend.mode === 'normal' ? backend.backend.auth.sessionInfo()?.locale : undefined) ?? app.getLocale(),
    ),
    // A figure's CSV is saved where the operator says, in the system's save dialog; the renderer never names a path.
    chooseCsvPath: createCsvSaveDialog(
      dialog,
      () => mainWindow,
      () => (backend.mode === 'normal' ? backend.backend.auth.sessionInfo()?.locale : undefined) ?? app.getLocale(),
      () => app.getPath('documents'),
    ),
    // Copy buttons write through main: the window itself has no clipboard permission.
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    // An import's report, by the path main recorded for the run (the renderer sends a run id only).
    fileOpener: { openPath: (path) => shell.openPath(path) },
    // A hub import's report is saved where the admin chooses (the hub keeps the rows; main fetches them).
    fileSaver: createReportSaveDialog(
      dialog,
      () => mainWindow,
      () => app.getPath('documents'),
      () => (backend.mode === 'normal' ? backend.backend.auth.sessionInfo()?.locale : undefined) ?? app.getLocale(),
    ),
    // A new request for a supervisor whose window is not in front; a click brings the window back.
    notifier: {
      show: ({ title, body }) => {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ title, body });
        notification.on('click', () => {
          if (mainWindow && !mainWindow.isDestroyed()) {
            if (mainWindow.isMinimized()) mainWindow.restore();
            mainWindow.focus();
          }
        });
        notification.show();
      },
    },
    hub,
    ...(hub.mode === 'hub' ? { hubSealer: safeStorageSealer() } : {}),
    // The audit anchor's key: where safeStorage has no key of the OS, the admin screen says the anchor is weak.
    anchorSealer: safeStorageSealer("the audit anchor's key"),
  });
  if (backend.mode === 'normal') screenPopLinks?.attach(backend.backend.screenPops);
  const unregisterIpc = registerIpc(ipcMain, backend.dispatch, () =>
    mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null,
  );
  app.once('will-quit', () => {
    unregisterIpc();
    stopServing();
    backend.close();
  });

  mainWindow = createMainWindow({ preloadPath: paths.preload, devServerUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function failToStart(error: unknown): void {
  console.error('Outage Credit Desk could not start', error);
  // A read-only database folder or file normally opens the recovery screen; anything that
  // still refuses a write before it (the backups folder, the profile) is explained here.
  const { title, message } = startFailureText(error, databasePath(app.getPath('userData')), app.getLocale());
  dialog.showErrorBox(title, message);
  app.exit(1);
}
