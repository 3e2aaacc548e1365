import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '@shared/ipc/channels';
import { DESK_GLOBAL } from '@shared/ipc/api';
import { createBackend } from '../../electron/main/app/create-backend';
import { takeBackup } from '../../electron/main/backup/take-backup';
import { startBackend, type AppBackend } from '../../electron/main/app/start-backend';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './harness';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/**
 * The harness serves the real renderer and owns the browser; this test gives its own page a
 * bridge into a backend started on a damaged database, the way the app starts after a crash
 * has left a broken file behind.
 */
let harness: Harness;
let dir: string;
let dbPath: string;
let app: AppBackend;
let context: BrowserContext;
let page: Page;
const onRestored = vi.fn();
const clock = () => new Date('2024-03-04T15:00:00.000Z');

function damageAccountsTable(file: string): void {
  const db = new Database(file, { readonly: true });
  const rootpage = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, (rootpage - 1) * pageSize);
  closeSync(fd);
}

beforeAll(async () => {
  harness = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'ocd-e2e-recovery-'));
  dbPath = join(dir, 'desk.sqlite');
  const backupDir = join(dir, 'backups');
  const seeded = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false, clock });
  await takeBackup(seeded.db, { dir: backupDir, now: clock() });
  seeded.close();
  damageAccountsTable(dbPath);

  app = startBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath,
    backupDir,
    clock,
    onRestored,
    isTrustedSender: (sender) => sender.isAppTopFrame && new URL(sender.url).origin === harness.origin,
  });
  const browser = harness.context.browser()!;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'America/Chicago' });
  await context.exposeBinding('__deskInvoke', (source, channel: string, input: unknown) =>
    app.dispatch(channel, input, { url: source.frame.url(), isAppTopFrame: source.frame === source.page.mainFrame() }),
  );
  // Mirrors electron/preload/index.ts, as the harness does.
  await context.addInitScript(
    ({ names, globalName }) => {
      const invoke = (globalThis as unknown as { __deskInvoke: (c: string, i: unknown) => Promise<unknown> }).__deskInvoke;
      const api = Object.fromEntries(names.map((name) => [name, (input: unknown) => invoke(name, input)]));
      Object.defineProperty(globalThis, globalName, { value: Object.freeze(api), writable: false });
    },
    { names: channelNames as string[], globalName: DESK_GLOBAL },
  );
  page = await context.newPage();
  await page.goto(harness.origin + '/index.html');
});

afterAll(async () => {
  await context?.close();
  app?.close();
  await harness?.close();
  await closeBrowser();
  rmSync(dir, { recursive: true, force: true });
});

describe('recovery screen in Chromium', () => {
  it('starts on the recovery screen, not sign-in, and restores the latest verified backup', async () => {
    expect(app.mode).toBe('recovery');
    await page.getByRole('heading', { name: 'The desk database is damaged' }).waitFor();
    expect(await page.getByLabel('Username').count()).toBe(0);
    await page.getByText('Latest verified backup:').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'recovery-screen.png'), fullPage: true });

    await page.getByRole('button', { name: 'Restore the latest backup' }).click();
    await page.getByText(/Restored the backup from .* The app is restarting\./).waitFor();
    expect(onRestored).toHaveBeenCalledTimes(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'recovery-restored.png'), fullPage: true });

    const restarted = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, clock, isTrustedSender: () => false });
    expect(restarted.mode).toBe('normal');
    restarted.close();
  });
});
