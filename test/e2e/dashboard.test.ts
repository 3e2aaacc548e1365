import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { a11yViolations, openAccount, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const carlos = demoAccounts.carlosPena; // AT&T Prepaid: goodwill is the only way to a credit.
const OUTAGE = 'Nationwide wireless outage (network change)';

describe("Sam's Home with real numbers (real renderer bundle, real handlers, real SQLite file)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('after the policy runs and Alice files a request, Home shows its pending count and exposure, the credits as the database has them, in English and Dutch, light and dark', async () => {
    const db = h.backend.db;
    // The demo outages credited by their policies, as an admin's run would.
    const outageIds = db.prepare('SELECT DISTINCT outage_id FROM outage_policies ORDER BY outage_id').pluck().all() as number[];
    expect(outageIds.length).toBeGreaterThan(0);
    for (const outageId of outageIds) {
      await runPolicyForOutage(db, { runId: `e2e-${outageId}`, outageId, startedBy: null, now: new Date('2024-03-04T15:00:00.000Z'), clock: () => new Date('2024-03-04T15:00:00.000Z') });
    }

    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, carlos.accountNumber);
    await h.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
    const form = h.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
    await form.getByLabel('Kind').selectOption('goodwill');
    await form.getByLabel('Amount (USD)').fill('7.50');
    await form.getByLabel('Reason').selectOption('excluded_segment_goodwill');
    await form.getByLabel('Justification').fill('Prepaid customer, no service for 12 hours on 22 February.');
    await form.getByLabel('Interaction reference').fill('CALL-20240304-0077');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await signOut(h);

    // What the database holds, counted here: the pending requests and their amount.
    const pending = db.prepare(`SELECT count(*) AS n, sum(amount_minor) AS minor FROM override_requests WHERE status = 'pending'`).get() as { n: number; minor: number };
    expect(pending).toEqual({ n: 1, minor: 750 });
    const scheduled = db
      .prepare(`SELECT count(*) FROM credits c JOIN outages o ON o.id = c.outage_id WHERE o.title = ? AND c.status = 'scheduled'`)
      .pluck()
      .get(OUTAGE) as number;
    expect(scheduled).toBeGreaterThan(0);

    h.advanceClock(30 * 60_000);
    await signIn(h, 'sam', 'supervisor-demo-2024');
    // Supervisors land on Home.
    await h.page.getByRole('heading', { name: 'Today at a glance', level: 1 }).waitFor();
    await expect.poll(() => h.page.getByTestId('dash-pending-count').innerText()).toBe('1 pending');
    const exposure = h.page.getByRole('region', { name: 'Still pending' });
    await expect.poll(() => exposure.innerText()).toMatch(/\$7\.50\s+in 1 request(?!s)/);
    // The credits table: the reference outage's scheduled count, as counted in the database.
    const credits = h.page.getByRole('region', { name: /Credits/ }).first();
    await expect.poll(() => credits.innerText()).toContain(OUTAGE);
    await expect.poll(() => credits.innerText()).toContain(scheduled.toLocaleString('en-US'));
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('dashboard-home-en');

    // Keyboard: Tab reaches the credits chart; the arrow keys show each bar's figures.
    const chart = credits.getByRole('group', { name: /^Chart: / });
    const surface = chart.locator('.recharts-wrapper > svg.recharts-surface');
    await surface.focus();
    await expect.poll(() => h.page.evaluate<string>("document.activeElement?.getAttribute('class') ?? ''")).toContain('recharts-surface');
    await h.page.keyboard.press('ArrowRight');
    const tooltip = chart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.innerText()).toMatch(/Scheduled/);
    expect(await chart.getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => chart.innerText()).toContain('use the arrow keys');
    await chart.scrollIntoViewIfNeeded();
    await h.docsScreenshot('dashboard-chart-keyboard');
    expect(await a11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('dashboard-home-en-dark');

    await h.page.emulateMedia({ colorScheme: 'light' });
    await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
    await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
    await h.page.getByRole('heading', { name: 'Vandaag in één oogopslag', level: 1 }).waitFor();
    await expect.poll(() => h.page.getByTestId('dash-pending-count').innerText()).toBe('1 open');
    await expect.poll(() => h.page.getByRole('region', { name: 'Nog open' }).innerText()).toMatch(/US\$\s?7,50|\$\s?7,50/);
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('dashboard-home-nl');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('dashboard-home-nl-dark');
  });
});
