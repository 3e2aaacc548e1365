import { existsSync } from 'node:fs';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { builtAppPaths, databasePath } from './app/app-paths';
import { createBackend } from './app/create-backend';
import { electronNativeBindingPath } from './app/native-binding';
import { registerIpc } from './ipc/register-ipc';
import { registerAppScheme, serveRendererFolder } from './window/app-protocol';
import { createMainWindow } from './window/create-main-window';
import { appOrigins, isTrustedSender } from './window/is-trusted-sender';
import { denyAllPermissions, guardWebContents } from './window/security-handlers';
import { claimSingleInstance } from './window/single-instance';

let mainWindow: BrowserWindow | null = null;

// Lets the Electron smoke test start from an empty profile instead of the operator's real one.
if (process.env.OCD_USER_DATA_DIR) app.setPath('userData', process.env.OCD_USER_DATA_DIR);

app.enableSandbox();
registerAppScheme();

if (claimSingleInstance(app, () => mainWindow)) {
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
  const backend = createBackend({
    dbPath: databasePath(app.getPath('userData')),
    isTrustedSender: (sender) => isTrustedSender(sender, origins),
    // Until admins can import feeds, an unpackaged app starts on the demo data set.
    seedDemo: !app.isPackaged || process.env.OCD_SEED_DEMO === '1',
    nativeBinding: nativeBindingForThisRun(),
  });
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
  const message = error instanceof Error ? error.message : String(error);
  console.error('Outage Credit Desk could not start', error);
  dialog.showErrorBox('Outage Credit Desk could not start', message);
  app.exit(1);
}
