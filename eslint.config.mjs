// Lint rules that keep the layers apart and the Electron surface safe.
// Type-aware rules are left to `tsc --build`; these rules are syntactic so lint stays fast.
import tseslint from 'typescript-eslint';
import { layersPlugin } from './lint-rules/import-zones.mjs';
import { layerZones } from './lint-rules/layer-zones.mjs';

const weakenedWindowOptions = [
  ['sandbox', false],
  ['contextIsolation', false],
  ['webSecurity', false],
  ['nodeIntegration', true],
  ['nodeIntegrationInWorker', true],
  ['nodeIntegrationInSubFrames', true],
  ['webviewTag', true],
  ['allowRunningInsecureContent', true],
  ['experimentalFeatures', true],
].map(([key, value]) => ({
  selector: `Property[key.name='${key}'][value.value=${value}]`,
  message: `Window option ${key}: ${value} weakens the renderer sandbox.`,
}));

const electronSafety = [
  ...weakenedWindowOptions,
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'enableBlinkFeatures turns on unvetted Chromium features.' },
  {
    // ipcRenderer may appear only as the object of a call (ipcRenderer.invoke(...)), never handed over itself or as a method.
    selector:
      "CallExpression[callee.property.name='exposeInMainWorld'] Identifier[name='ipcRenderer']:not(CallExpression > MemberExpression.callee > Identifier.object, MemberExpression > Identifier.property)",
    message: 'Never expose ipcRenderer through the bridge; expose one function per channel.',
  },
];

const ipcOutsideWrapper = {
  selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|handleOnce|on|once)$/]",
  message: 'Register IPC only in electron/main/ipc/register-ipc.ts, which checks the sender and validates input.',
};
const openExternalOutsideHelper = {
  selector: "CallExpression[callee.property.name='openExternal']",
  message: 'Open external links only through electron/main/window/open-external.ts, which allow-lists them.',
};
const clockReads = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code takes time as an argument.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code takes time as an argument.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...electronSafety, ipcOutsideWrapper, openExternalOutsideHelper],
    },
  },
  {
    files: ['electron/main/ipc/register-ipc.ts'],
    rules: { 'no-restricted-syntax': ['error', ...electronSafety, openExternalOutsideHelper] },
  },
  {
    files: ['electron/main/window/open-external.ts'],
    rules: { 'no-restricted-syntax': ['error', ...electronSafety, ipcOutsideWrapper] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...electronSafety, ipcOutsideWrapper, openExternalOutsideHelper, ...clockReads],
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(electron|better-sqlite3|react|react-dom|zustand)$', message: 'shared/ is pure: no Electron, database or UI.' },
          { regex: '^node:', message: 'shared/ is pure: no Node APIs.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(electron|better-sqlite3)$', message: 'The renderer is untrusted: it reaches main only through window.desk.' },
          { regex: '^node:', message: 'The renderer has no Node APIs.' },
        ],
      }],
    },
  },
  {
    // Which folder may import which, by the file an import reaches (relative paths and @shared resolved):
    // renderer features never import each other, shared/ imports no higher layer, and inside
    // electron/main features import neither ipc/ nor app/ and db/ imports no feature. See lint-rules/.
    plugins: { layers: layersPlugin },
    rules: { 'layers/import-zones': ['error', { zones: layerZones }] },
  },
);
