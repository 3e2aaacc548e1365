import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { a11yViolations, attemptSignIn, enrolOnHubScreen, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/*
 * The Operators screen of an enrolled desktop acts at the hub (issue 15): Ada creates an operator
 * on desktop A; the operator, unknown to desktop B until then, signs in there through the hub and
 * must choose a new password before anything else; the hub then takes only the new one. Two real
 * backends with their own SQLite files and two Chromium pages, one real hub on PostgreSQL.
 */

const TEMPORARY = 'copper-kettle-meadow';
const CHOSEN = 'harbour-lantern-violet';

let site: HubTestSite;
let a: Harness;
let b: Harness;

async function hubOperator(username: string): Promise<{ role: string; mustChange: boolean; active: boolean } | undefined> {
  const { rows } = await site.owner.query<{ role: string; mustChange: boolean; active: boolean }>(
    'SELECT role, must_change_password AS "mustChange", active FROM operators WHERE username = $1',
    [username],
  );
  return rows[0];
}

beforeAll(async () => {
  site = await startHubTestSite();
  const hub = { mode: 'hub', url: site.url(), ca: null, source: 'test' } as const;
  // The clock near real time: the hub stamps sessions with its own.
  a = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  b = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  for (const [h, name] of [
    [a, 'Desk A'],
    [b, 'Desk B'],
  ] as const) {
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await enrolOnHubScreen(h, await site.enrolmentCode(), name);
    await signOut(h);
  }
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await closeBrowser();
  await site?.close();
}, 60_000);

describe('operators managed at the hub (Chromium, two desktops, real hub on PostgreSQL)', () => {
  it('Ada creates Nina on desktop A; Nina signs in on desktop B and must choose a new password there first', async () => {
    await signIn(a, 'ada', 'admin-demo-2024');
    await a.page.getByRole('button', { name: 'Operators' }).click();
    // The hub's operators (the demo's, seeded at the hub).
    await a.page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /Alice Agent/ }).waitFor();

    await a.page.getByLabel('Username').fill('nina');
    await a.page.getByLabel('Full name').fill('Nina Noord');
    await a.page.getByLabel('Role', { exact: true }).selectOption('agent');
    // The hub checks the password against the shipped list of common ones, as a standalone desk does.
    await a.page.getByLabel('Temporary password').fill('password1234');
    await a.page.getByRole('button', { name: 'Create operator' }).click();
    await a.page.getByText('This password is on the list of the most common passwords').waitFor();
    expect(await hubOperator('nina')).toBeUndefined();
    await a.page.getByLabel('Temporary password').fill(TEMPORARY);
    await a.page.getByRole('button', { name: 'Create operator' }).click();
    await a.page.getByText('Nina Noord can now sign in as nina with the temporary password.').waitFor();
    const ninaRow = a.page.getByRole('row', { name: /Nina Noord/ });
    await expect.poll(() => ninaRow.innerText()).toContain('Must choose a new password');
    // She exists at the hub, not only on this desktop.
    expect(await hubOperator('nina')).toEqual({ role: 'agent', mustChange: true, active: true });
    expect(await a11yViolations(a)).toEqual([]);
    await a.docsScreenshot('hub-operators-01-desk-a-created');
    await signOut(a);

    // Desktop B never had Nina: the sign-in goes to the hub, which says the password is temporary.
    await signIn(b, 'nina', TEMPORARY);
    await b.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await b.page.getByRole('combobox', { name: 'Find the caller' }).count()).toBe(0);
    expect(await a11yViolations(b)).toEqual([]);
    await b.docsScreenshot('hub-operators-02-desk-b-choose-password');
    await b.page.getByLabel('Temporary password').fill(TEMPORARY);
    await b.page.getByLabel('New password', { exact: true }).fill(CHOSEN);
    await b.page.getByLabel('New password again').fill(CHOSEN);
    await b.page.getByRole('button', { name: 'Save password' }).click();
    await b.page.getByRole('combobox', { name: 'Find the caller' }).waitFor();
    await expect.poll(async () => (await hubOperator('nina'))?.mustChange, { timeout: 10_000 }).toBe(false);
    await b.docsScreenshot('hub-operators-03-desk-b-signed-in');
    await signOut(b);

    // The hub takes her own password now, not the temporary one, on the other desktop too.
    await attemptSignIn(a, 'nina', TEMPORARY);
    await a.page.getByText('The username or password is not right.').waitFor();
    await signIn(a, 'nina', CHOSEN);
    await a.page.getByRole('combobox', { name: 'Find the caller' }).waitFor();
    await signOut(a);

    // Ada's list, read at the hub again, no longer says Nina must choose one.
    await signIn(a, 'ada', 'admin-demo-2024');
    await a.page.getByRole('button', { name: 'Operators' }).click();
    const row = a.page.getByRole('row', { name: /Nina Noord/ });
    await row.waitFor();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).not.toContain('Must choose a new password');
  }, 120_000);

  it('the home screen of an enrolled desktop shows the site’s figures from the hub, and says so plainly when the hub is away and the figures are this desktop’s copy', async () => {
    await a.page.getByRole('button', { name: 'Home' }).click();
    await a.page.getByText(/Figures for the whole site, from the hub\./).waitFor();
    expect(await a11yViolations(a)).toEqual([]);
    await a.docsScreenshot('hub-dashboard-01-from-hub');
    await site.stop();
    try {
      await a.page.getByRole('button', { name: 'Operators' }).click();
      await a.page.getByRole('button', { name: 'Home' }).click();
      await a.page.getByTestId('dash-source-cache').waitFor({ timeout: 15_000 });
      expect(await a.page.getByTestId('dash-source-cache').innerText()).toContain('The hub cannot be reached.');
      expect(await a.page.getByText(/from the hub\./).count()).toBe(0);
      expect(await a11yViolations(a)).toEqual([]);
      await a.docsScreenshot('hub-dashboard-02-hub-away-cache');
    } finally {
      await site.start();
    }
  }, 60_000);
});
