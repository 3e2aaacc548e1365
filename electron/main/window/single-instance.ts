/** The parts of Electron's app used for the single-instance lock. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (...args: unknown[]) => void): unknown;
}

/** The parts of a BrowserWindow needed to bring it to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Two instances would open the same SQLite file and each hold its own session, so a second
 * launch quits and the first one comes to the front. Returns false when this instance must exit.
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  existingWindow: () => FocusableWindow | null,
  /** The second launch's command line, for a screen-pop link it carries. */
  onSecondLaunch?: (argv: readonly string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    const window = existingWindow();
    if (window) focusWindow(window);
    onSecondLaunch?.(Array.isArray(argv) ? argv.filter((arg): arg is string => typeof arg === 'string') : []);
  });
  return true;
}

function focusWindow(window: FocusableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
