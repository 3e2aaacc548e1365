import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { enrolOnHubScreen, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/*
 * The carrier's feeds are imported once, at the hub: Ada picks the sample feeds on desktop A's
 * import screen, the files stream to the hub and the hub imports them; desktop B, a new desktop
 * that loaded the hub's snapshot, gets the new accounts and outage by sync and Alice finds a
 * caller from the feed there, with the outage on the account.
 */

const SAMPLES = resolve(__dirname, '../../resources/sample-feeds');
const FEED_ACCOUNT = '280000000000';
const OUTAGE = 'Nationwide wireless outage (network change)';
const OUTAGE_SOURCE = 'att-2024-02-22-nationwide';

let site: HubTestSite;
let a: Harness;
let b: Harness;

async function enrolThroughHubScreen(h: Harness, name: string): Promise<void> {
  await enrolOnHubScreen(h, await site.enrolmentCode(), name);
  await signOut(h);
}

beforeAll(async () => {
  site = await startHubTestSite();
  const hub = { mode: 'hub', url: site.url(), ca: null, source: 'test' } as const;
  a = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000, pickFeedFiles: async (mode) => (mode === 'folder' ? [SAMPLES] : null) });
  // Desktop B is new: only the operators who may enrol it, no carrier data of its own.
  b = await startHarness({
    startAt: new Date(),
    hub,
    hubPullIntervalMs: 2_000,
    seedDemo: false,
    beforeStart: (dbPath) => {
      const db = openDatabase(dbPath);
      ensureDemoOperators(db, new Date(), TEST_PASSWORD_COST);
      db.close();
    },
  });
  await enrolThroughHubScreen(a, 'Desk A');
  await enrolThroughHubScreen(b, 'Desk B');
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await closeBrowser();
  await site?.close();
}, 60_000);

describe('feed import at the hub (Chromium, two desktops, real hub on PostgreSQL)', () => {
  it('Ada imports the sample feeds at the hub from desktop A; on desktop B, loaded from the hub, Alice finds the feed’s caller and the new outage', async () => {
    // B's first sign-in through the hub loads the hub's snapshot (the hub has no feed data yet).
    await signIn(b, 'alice', 'agent-demo-2024');
    const box = b.page.getByRole('combobox', { name: 'Find the caller' });
    await box.waitFor();
    await expect.poll(() => b.backend.hubSync?.state().snapshot?.state ?? null, { timeout: 60_000 }).toBe('done');
    expect(b.backend.db.prepare('SELECT count(*) FROM accounts WHERE account_number = ?').pluck().get(FEED_ACCOUNT)).toBe(0);

    await signIn(a, 'ada', 'admin-demo-2024');
    await a.page.getByRole('button', { name: 'Import feeds' }).click();
    await a.page.getByRole('button', { name: 'Choose a folder…' }).click();
    const found = a.page.getByRole('table', { name: 'Found' });
    await expect.poll(() => found.getByRole('row', { name: /accounts\.csv/ }).textContent()).toContain('Ready');
    await a.page.getByRole('button', { name: /^Import .* rows$/ }).click();
    await a.page.getByText('Import finished.').waitFor({ timeout: 60_000 });
    await a.docsScreenshot('hub-import-01-desk-a-finished');
    // The hub holds the rows; desktop A's own importer never ran.
    expect((await site.owner.query('SELECT count(*)::int AS n FROM accounts WHERE account_number = $1', [FEED_ACCOUNT])).rows[0].n).toBe(1);
    expect(a.backend.db.prepare('SELECT count(*) FROM import_runs').pluck().get()).toBe(0);

    // B follows the log: the import's batches bring the accounts, lines, outage and impacts.
    await expect
      .poll(() => b.backend.db.prepare('SELECT count(*) FROM accounts WHERE account_number = ?').pluck().get(FEED_ACCOUNT), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => b.backend.db.prepare('SELECT count(*) FROM outages WHERE source_id = ?').pluck().get(OUTAGE_SOURCE), { timeout: 30_000 })
      .toBe(1);
    await box.fill(FEED_ACCOUNT);
    await box.press('Enter');
    await b.page.getByRole('heading', { name: /Łukasz Anderson/ }).first().waitFor();
    await expect.poll(() => b.page.locator('main').innerText()).toContain(OUTAGE);
    await b.docsScreenshot('hub-import-02-desk-b-caller');
  });
});
