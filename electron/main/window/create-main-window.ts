import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN_URL } from './is-trusted-sender';
import { guardWebContents } from './security-handlers';
import { mainWindowOptions } from './window-options';

/** Opens the one app window: the dev server page in development, app://desk/ otherwise. */
export function createMainWindow(options: { preloadPath: string; devServerUrl?: string }): BrowserWindow {
  // The page follows the operating system's theme (prefers-color-scheme); so does the frame.
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, nativeTheme.shouldUseDarkColors ? 'dark' : 'light'));
  // Also attached by the app-wide web-contents-created guard; attaching here keeps the window safe on its own.
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  const url = options.devServerUrl ?? `${APP_ORIGIN_URL}index.html`;
  void window.loadURL(url);
  return window;
}
