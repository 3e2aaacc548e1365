import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The renderer is untrusted: sandboxed, isolated, no Node, no webviews. */
export function appWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** The page background of each theme (app.css --bg), so the frame never flashes the other one. */
export const WINDOW_BACKGROUND = { light: '#f3f5f8', dark: '#0f141b' } as const;

export function mainWindowOptions(preloadPath: string, theme: 'light' | 'dark' = 'light'): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Outage Credit Desk',
    // Shown on ready-to-show so the operator never sees an empty white frame.
    show: false,
    backgroundColor: WINDOW_BACKGROUND[theme],
    webPreferences: appWebPreferences(preloadPath),
  };
}
