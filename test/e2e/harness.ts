/**
 * Drives the real renderer bundle (out/renderer) in Debian's Chromium against the real
 * main-process backend and a real SQLite file. Only the Electron transport is replaced:
 * the page gets the same `window.desk` object the preload exposes, and each call goes
 * through a Playwright binding into the same `dispatch` that `ipcMain.handle` uses.
 *
 * The HTTP server here is test scaffolding on loopback; the app itself opens no listener.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { channelNames } from '@shared/ipc/channels';
import { DESK_GLOBAL } from '@shared/ipc/api';
import { createBackend } from '../../electron/main/app/create-backend';
import type { PickFeedFiles } from '../../electron/main/feeds/feed-import-service';
import type { HubSetting } from '../../electron/main/hub-sync/hub-config';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window/content-security-policy';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-results/screenshots');
/** Screenshots the docs show (README, HUB.md), kept under git. */
export const DOCS_SCREENSHOT_DIR = resolve(__dirname, '../../docs/screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serveRenderer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(RENDERER_DIR, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(RENDERER_DIR + '/')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

export interface Harness {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly origin: string;
  readonly dbPath: string;
  readonly backend: ReturnType<typeof createBackend>;
  /** Moves main's clock forward; the backend reads it on every call. */
  advanceClock(ms: number): void;
  screenshot(name: string): Promise<string>;
  /** A screenshot for the docs: docs/screenshots/NAME.png (the viewport, not the whole page). */
  docsScreenshot(name: string): Promise<string>;
  /** What the app put on the system clipboard (the copy buttons), oldest first. */
  readonly clipboardTexts: string[];
  /** The files main asked the system to open (an import's report), oldest first. */
  readonly openedFiles: string[];
  close(): Promise<void>;
}

let browser: Browser | undefined;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface HarnessOptions {
  startAt?: Date;
  pickFeedFiles?: PickFeedFiles;
  /** A desktop that syncs with this hub (its secret unsealed: there is no keychain here). */
  hub?: HubSetting;
  /** Fill the cache with the demo data (true by default); false leaves what beforeStart wrote, e.g. only operators. */
  seedDemo?: boolean;
  /** The fallback pull period with a hub (30 s by default). */
  hubPullIntervalMs?: number;
  /** The operating system's theme as the page sees it (prefers-color-scheme); light by default. */
  colorScheme?: 'light' | 'dark';
  /** The desktop's language as the page sees it (navigator.language); en-US by default. */
  locale?: string;
  /** The window's size in CSS pixels (1280x800 by default). */
  viewport?: { width: number; height: number };
  /**
   * Device pixels per CSS pixel: 2 with a 683x384 viewport is a 1366x768 window at 200% zoom
   * (what the browser does when the operator zooms: fewer, larger CSS pixels).
   */
  deviceScaleFactor?: number;
  /** Runs on the database path before the app's backend opens it (to start from a database in a given state). */
  beforeStart?: (dbPath: string) => void;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-e2e-'));
  const dbPath = join(dir, 'desk.sqlite');
  let nowMs = (options.startAt ?? new Date('2024-03-04T15:00:00.000Z')).getTime();
  const { server, origin } = await serveRenderer();
  options.beforeStart?.(dbPath);
  const clipboardTexts: string[] = [];
  const openedFiles: string[] = [];
  const backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    clipboard: { writeText: (text) => clipboardTexts.push(text) },
    fileOpener: {
      openPath: async (path) => {
        openedFiles.push(path);
        return '';
      },
    },
    dbPath,
    seedDemo: options.seedDemo ?? true,
    clock: () => new Date(nowMs),
    // The same rule as in the app (own top frame only), with the test origin in place of app://desk.
    isTrustedSender: (sender) => sender.isAppTopFrame && new URL(sender.url).origin === origin,
    // Stands in for the app's file dialog, which the harness cannot show.
    ...(options.pickFeedFiles ? { pickFeedFiles: options.pickFeedFiles } : {}),
    ...(options.hub ? { hub: options.hub } : {}),
    ...(options.hubPullIntervalMs !== undefined ? { hubPullIntervalMs: options.hubPullIntervalMs } : {}),
  });
  const context = await (await sharedBrowser()).newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.deviceScaleFactor !== undefined ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    locale: options.locale ?? 'en-US',
    timezoneId: 'America/Chicago',
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.exposeBinding('__deskInvoke', (source, channel: string, input: unknown) =>
    backend.dispatch(channel, input, {
      url: source.frame.url(),
      isAppTopFrame: source.frame === source.page.mainFrame(),
    }),
  );
  // Mirrors electron/preload/index.ts: one frozen function per channel, nothing else.
  await context.addInitScript(
    ({ names, globalName }) => {
      const invoke = (globalThis as unknown as { __deskInvoke: (c: string, i: unknown) => Promise<unknown> }).__deskInvoke;
      const api = Object.fromEntries(names.map((name) => [name, (input: unknown) => invoke(name, input)]));
      Object.defineProperty(globalThis, globalName, { value: Object.freeze(api), writable: false });
    },
    { names: channelNames as string[], globalName: DESK_GLOBAL },
  );
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(origin + '/index.html');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    page,
    context,
    origin,
    dbPath,
    backend,
    clipboardTexts,
    openedFiles,
    advanceClock(ms) {
      nowMs += ms;
    },
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async docsScreenshot(name) {
      mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
      const path = join(DOCS_SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      await new Promise((done) => server.close(done));
      backend.close();
      rmSync(dir, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`Uncaught errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}
