import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wireChannel } from '@shared/ipc/channel-names';
import { channelNames } from '@shared/ipc/channels';

// A hand-made Electron: just enough of app, BrowserWindow, protocol, ipcMain and session.
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const appListeners = new Map<string, Listener[]>();
  const windows: Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn>; restore: ReturnType<typeof vi.fn> }> = [];
  let gotLock = true;
  const on = (event: string, listener: Listener) => {
    appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
  };
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn(() => '/profile/Outage Credit Desk'),
    getAppPath: vi.fn(() => '/project'),
    whenReady: vi.fn(() => Promise.resolve()),
    setAsDefaultProtocolClient: vi.fn(),
    on: vi.fn(on),
    once: vi.fn(on),
  };
  class BrowserWindow {
    webContents = {
      mainFrame: {},
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
    };
    loadURL = vi.fn(async () => {});
    focus = vi.fn();
    restore = vi.fn();
    show = vi.fn();
    once = vi.fn();
    on = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => true;
    constructor(public options: unknown) {
      windows.push(this);
    }
  }
  return {
    module: {
      app,
      BrowserWindow,
      dialog: { showErrorBox: vi.fn() },
      clipboard: { writeText: vi.fn() },
      Notification: Object.assign(
        vi.fn(function notification() {
          return { on: vi.fn(), show: vi.fn() };
        }),
        { isSupported: vi.fn(() => true) },
      ),
      nativeTheme: { shouldUseDarkColors: false },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn(), unhandle: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      safeStorage: {
        isEncryptionAvailable: vi.fn(() => true),
        getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
        encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${plain}`)),
        decryptString: vi.fn((sealed: Buffer) => sealed.toString().replace(/^sealed:/, '')),
      },
    },
    windows,
    emit(event: string, ...args: unknown[]) {
      for (const listener of appListeners.get(event) ?? []) listener(...args);
    },
    reset(lock: boolean) {
      gotLock = lock;
      appListeners.clear();
      windows.length = 0;
    },
  };
});

const backend = vi.hoisted(() => ({
  screenPopOffer: vi.fn(),
  createBackend: vi.fn((_options: unknown) => ({ db: {}, auth: {}, dispatch: vi.fn(), close: vi.fn(), screenPops: { offer: backend.screenPopOffer } })),
}));

vi.mock('electron', () => electron.module);
vi.mock('./app/create-backend', () => backend);

async function boot(lock: boolean) {
  electron.reset(lock);
  vi.clearAllMocks();
  vi.resetModules();
  await import('./index');
  // Let whenReady().then(start) run.
  await new Promise((resolve) => setImmediate(resolve));
}

describe('app start', () => {
  beforeEach(() => {
    delete process.env.ELECTRON_RENDERER_URL;
    delete process.env.OCD_USER_DATA_DIR;
  });
  afterEach(() => vi.clearAllMocks());

  it('quits a second instance before opening the database or a window', async () => {
    await boot(false);
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(backend.createBackend).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(electron.module.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    await boot(true);
    electron.emit('second-instance', {}, [], '/');
    expect(electron.windows[0]!.restore).toHaveBeenCalled();
    expect(electron.windows[0]!.focus).toHaveBeenCalled();
  });

  it('registers as the outage-credit-desk:// handler and passes a second launch\'s link to the backend', async () => {
    await boot(true);
    expect(electron.module.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('outage-credit-desk');
    electron.emit('second-instance', {}, ['/opt/ocd/outage-credit-desk', 'outage-credit-desk://lookup?account=287100000001'], '/');
    expect(backend.screenPopOffer).toHaveBeenCalledWith('outage-credit-desk://lookup?account=287100000001');
    electron.emit('second-instance', {}, ['/opt/ocd/outage-credit-desk', '--no-link'], '/');
    expect(backend.screenPopOffer).toHaveBeenCalledTimes(1);
  });

  it('takes a link macOS opens (open-url) without letting it do anything else', async () => {
    await boot(true);
    const preventDefault = vi.fn();
    electron.emit('open-url', { preventDefault }, 'outage-credit-desk://lookup?phone=2125550147');
    expect(preventDefault).toHaveBeenCalled();
    expect(backend.screenPopOffer).toHaveBeenCalledWith('outage-credit-desk://lookup?phone=2125550147');
  });

  it('registers app:// as a privileged scheme and forces the sandbox before ready', async () => {
    await boot(true);
    expect(electron.module.app.enableSandbox).toHaveBeenCalled();
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('opens one sandboxed window on app://desk/index.html with the CommonJS preload', async () => {
    await boot(true);
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0]!;
    expect(window.options).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: expect.stringMatching(/preload[\\/]index\.cjs$/) },
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://desk/index.html');
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('denies permissions, guards every new webContents and wires every IPC channel', async () => {
    await boot(true);
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.module.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(electron.module.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const wired = electron.module.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(wired.sort()).toEqual(channelNames.map(wireChannel).sort());
  });

  it('copies to the system clipboard and shows desktop notifications through Electron, a click bringing the window back', async () => {
    await boot(true);
    const options = backend.createBackend.mock.calls[0]![0] as {
      clipboard: { writeText(text: string): void };
      notifier: { show(notice: { title: string; body: string }): void };
    };
    options.clipboard.writeText('AT&T: a $5.00 credit');
    expect(electron.module.clipboard.writeText).toHaveBeenCalledWith('AT&T: a $5.00 credit');
    options.notifier.show({ title: 'Approval queue', body: '1 request waiting' });
    expect(electron.module.Notification).toHaveBeenCalledWith({ title: 'Approval queue', body: '1 request waiting' });
    const shown = electron.module.Notification.mock.results[0]!.value as { on: ReturnType<typeof vi.fn>; show: ReturnType<typeof vi.fn> };
    expect(shown.show).toHaveBeenCalled();
    const onClick = shown.on.mock.calls.find(([event]) => event === 'click')![1] as () => void;
    onClick();
    expect(electron.windows[0]!.focus).toHaveBeenCalled();
  });

  it('keeps the database in userData and trusts only the app window top frame on app://desk', async () => {
    await boot(true);
    const options = backend.createBackend.mock.calls[0]![0] as {
      dbPath: string;
      isTrustedSender: (sender: { url: string; isAppTopFrame: boolean }) => boolean;
    };
    expect(options.dbPath).toBe(join('/profile/Outage Credit Desk', 'outage-credit-desk.sqlite'));
    expect(options.isTrustedSender({ url: 'app://desk/index.html', isAppTopFrame: true })).toBe(true);
    expect(options.isTrustedSender({ url: 'app://desk/index.html', isAppTopFrame: false })).toBe(false);
    expect(options.isTrustedSender({ url: 'http://localhost:5173/', isAppTopFrame: true })).toBe(false);
  });

  it.each([
    ['gnome_libsecret', true, true],
    ['kwallet5', true, true],
    ['basic_text', true, false],
    ['gnome_libsecret', false, false],
  ])('seals the audit anchor key with safeStorage (Linux backend %s, encryption %s): OS-backed %s', async (storageBackend, available, osBacked) => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      electron.module.safeStorage.getSelectedStorageBackend.mockReturnValue(storageBackend);
      electron.module.safeStorage.isEncryptionAvailable.mockReturnValue(available);
      await boot(true);
      const options = backend.createBackend.mock.calls[0]![0] as { anchorSealer: { osBacked: boolean; kind: string; seal(p: string): Buffer; open(s: Buffer): string } };
      expect(options.anchorSealer.osBacked).toBe(osBacked);
      expect(options.anchorSealer.kind).toBe(available ? 'safe_storage' : 'none');
      expect(options.anchorSealer.open(options.anchorSealer.seal('key'))).toBe('key');
    } finally {
      Object.defineProperty(process, 'platform', platform);
      electron.module.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      electron.module.safeStorage.isEncryptionAvailable.mockReturnValue(true);
    }
  });

  it('loads the dev server page when electron-vite dev provides one', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    await boot(true);
    expect(electron.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('removes the IPC handlers and closes the database on quit', async () => {
    await boot(true);
    const created = backend.createBackend.mock.results[0]!.value as { close: ReturnType<typeof vi.fn> };
    electron.emit('will-quit');
    expect(electron.module.ipcMain.removeHandler).toHaveBeenCalledTimes(channelNames.length);
    expect(electron.module.protocol.unhandle).toHaveBeenCalledWith('app');
    expect(created.close).toHaveBeenCalled();
  });
});
