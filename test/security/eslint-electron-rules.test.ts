import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: resolve(ROOT, 'eslint.config.mjs') });
});

/** The safety-rule messages the real config reports for a snippet placed at `filePath`. */
async function safetyErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' && m.severity === 2).map((m) => m.message);
}

const windowFile = 'electron/main/window/some-window.ts';
const window = (prefs: string) => `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { ${prefs} } });\n`;

describe('ESLint refuses weakened window options', () => {
  it.each([
    ['sandbox: false', /sandbox/],
    ['contextIsolation: false', /contextIsolation/],
    ['webSecurity: false', /webSecurity/],
    ['nodeIntegration: true', /nodeIntegration/],
    ['nodeIntegrationInWorker: true', /nodeIntegrationInWorker/],
    ['nodeIntegrationInSubFrames: true', /nodeIntegrationInSubFrames/],
    ['webviewTag: true', /webviewTag/],
    ['allowRunningInsecureContent: true', /allowRunningInsecureContent/],
    ['experimentalFeatures: true', /experimentalFeatures/],
    ["enableBlinkFeatures: 'CSSVariables'", /enableBlinkFeatures/],
  ])('%s is an error', async (prefs, message) => {
    const errors = await safetyErrors(window(prefs), windowFile);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('allows the safe values of the same options', async () => {
    const safe = window(
      'sandbox: true, contextIsolation: true, webSecurity: true, nodeIntegration: false, webviewTag: false, ' +
        'allowRunningInsecureContent: false, experimentalFeatures: false',
    );
    expect(await safetyErrors(safe, windowFile)).toEqual([]);
  });

  it('applies in renderer and shared code too', async () => {
    expect(await safetyErrors('export const o = { sandbox: false };\n', 'shared/domain/x.ts')).toHaveLength(1);
    expect(await safetyErrors('export const o = { nodeIntegration: true };\n', 'renderer/src/app/x.ts')).toHaveLength(1);
  });
});

describe('ESLint refuses exposing ipcRenderer through the bridge', () => {
  const preload = 'electron/preload/other.ts';
  const head = "import { contextBridge, ipcRenderer } from 'electron';\n";
  it.each([
    ["contextBridge.exposeInMainWorld('ipc', ipcRenderer);"],
    ["contextBridge.exposeInMainWorld('desk', { ipcRenderer });"],
    ["contextBridge.exposeInMainWorld('desk', { ...ipcRenderer });"],
    ["contextBridge.exposeInMainWorld('desk', { invoke: ipcRenderer.invoke });"],
    ["contextBridge.exposeInMainWorld('desk', { send: ipcRenderer.send.bind(ipcRenderer) });"],
  ])('%s is an error', async (line) => {
    const errors = await safetyErrors(head + line + '\n', preload);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/ipcRenderer/);
  });

  it('allows one function per channel that calls ipcRenderer.invoke', async () => {
    const code = head + "contextBridge.exposeInMainWorld('desk', { ping: (input: unknown) => ipcRenderer.invoke('ocd:ping', input) });\n";
    expect(await safetyErrors(code, preload)).toEqual([]);
  });
});

describe('ESLint keeps ipcMain and shell.openExternal behind their one wrapper', () => {
  const handle = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\nipcMain.on('y', () => {});\n";
  const open = "import { shell } from 'electron';\nvoid shell.openExternal('https://example.com/');\n";

  it('refuses ipcMain.handle and ipcMain.on outside register-ipc.ts', async () => {
    const errors = await safetyErrors(handle, 'electron/main/ipc/other-ipc.ts');
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => /register-ipc/.test(e))).toBe(true);
  });

  it('allows ipcMain.handle inside register-ipc.ts', async () => {
    expect(await safetyErrors(handle, 'electron/main/ipc/register-ipc.ts')).toEqual([]);
  });

  it('refuses shell.openExternal outside open-external.ts', async () => {
    const errors = await safetyErrors(open, 'electron/main/window/create-main-window.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/open-external/);
  });

  it('allows shell.openExternal inside open-external.ts', async () => {
    expect(await safetyErrors(open, 'electron/main/window/open-external.ts')).toEqual([]);
  });

  it('still refuses weakened window options inside the two wrapper files', async () => {
    expect(await safetyErrors('export const o = { webSecurity: false };\n', 'electron/main/ipc/register-ipc.ts')).toHaveLength(1);
    expect(await safetyErrors('export const o = { webSecurity: false };\n', 'electron/main/window/open-external.ts')).toHaveLength(1);
  });
});
