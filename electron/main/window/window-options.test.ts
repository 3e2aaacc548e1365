import { describe, expect, it } from 'vitest';
import { appWebPreferences, mainWindowOptions, WINDOW_BACKGROUND } from './window-options';

describe('main window options', () => {
  it('sandboxes and isolates the renderer with no Node, no webviews and web security on', () => {
    expect(appWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('never turns on experimental features or disables the same-origin policy', () => {
    const prefs = appWebPreferences('/p.cjs') as Record<string, unknown>;
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.webSecurity).toBe(true);
  });

  it('uses the CommonJS preload and stays hidden until ready to show', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences?.preload).toMatch(/\.cjs$/);
  });

  it("paints the frame in the theme's own background, so a dark desktop never flashes white", () => {
    expect(mainWindowOptions('/p.cjs', 'dark').backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(mainWindowOptions('/p.cjs').backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(WINDOW_BACKGROUND.dark).not.toBe(WINDOW_BACKGROUND.light);
  });
});
