import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { enrolOnHubScreen, openAccount, seriousA11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/*
 * Issue 13: a fault report recorded on an enrolled desktop while the hub cannot be reached
 * shows at the report itself as waiting to sync; once the hub is back it shows as synced,
 * without a click or a reload (main's data moves, the open account follows). A real hub on
 * a real PostgreSQL, one desktop in Chromium; screenshots in both themes and both languages.
 */

const maria = demoAccounts.mariaMuller;
const NATIONWIDE = 'Nationwide wireless outage (network change)';
const REF = 'CALL-SYNC-0001';

let site: HubTestSite;
let h: Harness;

async function hubReports(): Promise<number> {
  const { rows } = await site.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM fault_reports WHERE interaction_ref = $1', [REF]);
  return rows[0]!.n;
}

beforeAll(async () => {
  site = await startHubTestSite();
  // The clock near real time: the hub stamps sessions with its own.
  h = await startHarness({ startAt: new Date(), hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' }, hubPullIntervalMs: 2_000 });
  await enrolOnHubScreen(h, await site.enrolmentCode(), 'Desk A');
  await signOut(h);
}, 180_000);

afterAll(async () => {
  await h?.close();
  await closeBrowser();
  await site?.close();
}, 60_000);

describe('a fault report’s standing with the hub, at the report (Chromium, real hub on PostgreSQL)', () => {
  it('recorded with the hub down it waits to sync; when the hub is back it is synced, in English and Dutch, light and dark', async () => {
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, maria.accountNumber);
    await site.stop();
    await h.page.getByRole('banner').getByText('Offline', { exact: true }).waitFor({ timeout: 15_000 });

    const outage = h.page.getByTestId('evidence-panel').locator('[data-evidence-outage]').filter({ hasText: NATIONWIDE });
    await outage.getByRole('button', { name: 'Record a fault report' }).click();
    await outage.getByRole('checkbox', { name: 'calls' }).check();
    await outage.getByLabel('Failed from (your time)').fill('2024-02-22T03:00');
    await outage.getByLabel('Came back at (your time; empty if still failing)').fill('2024-02-22T13:30');
    await outage.getByLabel('What the customer says').fill('No calls on any of the three phones from early morning until lunch.');
    await outage.getByLabel('Call or ticket reference').fill(REF);
    await outage.getByRole('button', { name: 'Record the report' }).click();

    const report = outage.getByTestId('fault-report').filter({ hasText: REF });
    await expect.poll(() => report.innerText(), { timeout: 10_000 }).toContain('Waiting to sync');
    expect(await report.getAttribute('data-sync-state')).toBe('pending_sync');
    expect(await report.innerText()).toContain('Saved on this desktop; it goes to the hub as soon as the hub can be reached.');
    expect(await hubReports()).toBe(0);
    await report.scrollIntoViewIfNeeded();
    await h.docsScreenshot('evidence-sync-01-report-waiting-en-light');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.docsScreenshot('evidence-sync-02-report-waiting-en-dark');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });

    await site.start();
    // Nothing is clicked: the outbox goes when the hub is back, and the open account follows.
    await expect.poll(() => report.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('synced');
    expect(await report.innerText()).toContain('Synced with the hub');
    expect(await report.innerText()).not.toContain('Waiting to sync');
    expect(await hubReports()).toBe(1);
    await report.scrollIntoViewIfNeeded();
    await h.docsScreenshot('evidence-sync-03-report-synced-en-light');

    await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
    await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
    const nlReport = h.page.getByTestId('fault-report').filter({ hasText: REF });
    await expect.poll(() => nlReport.innerText(), { timeout: 10_000 }).toContain('Gesynchroniseerd met de hub');
    await nlReport.scrollIntoViewIfNeeded();
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.docsScreenshot('evidence-sync-04-report-synced-nl-dark');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
    expect(await hubReports()).toBe(1);
  }, 150_000);

  it('a report the hub refuses shows as refused at the report, with the reason in words, in English and Dutch', async () => {
    // An outage only this desktop has (the hub never had its carrier row): the hub refuses the report with not_found.
    const db = h.backend.db;
    const lineId = db.prepare('SELECT min(l.id) FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number = ?').pluck().get(maria.accountNumber) as number;
    db.prepare(
      `INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, services_json, towers_affected, regions_json, updated_at)
       VALUES (900, 'local-only-900', 'Local outage this desktop alone knows', '2024-03-01T00:00:00.000Z', '2024-03-01T06:00:00.000Z', 'equipment', '["wireless_voice"]', 1, '[]', '2024-03-01T06:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
       VALUES ('local-only-900-impact', 900, ?, '2024-03-01T00:00:00.000Z', '2024-03-01T06:00:00.000Z', 360, 1)`,
    ).run(lineId);
    await h.page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
    await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await openAccount(h, maria.accountNumber);

    const outage = h.page.getByTestId('evidence-panel').locator('[data-evidence-outage]').filter({ hasText: 'Local outage this desktop alone knows' });
    await outage.getByRole('button', { name: 'Record a fault report' }).click();
    await outage.getByRole('checkbox', { name: 'calls' }).check();
    await outage.getByLabel('Failed from (your time)').fill('2024-02-29T20:00');
    await outage.getByLabel('What the customer says').fill('The phone has had no signal since the evening, says the customer.');
    await outage.getByLabel('Call or ticket reference').fill('CALL-SYNC-0002');
    await outage.getByRole('button', { name: 'Record the report' }).click();

    const report = outage.getByTestId('fault-report').filter({ hasText: 'CALL-SYNC-0002' });
    await expect.poll(() => report.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('refused');
    const text = await report.innerText();
    expect(text).toContain('Refused by the hub');
    expect(text).toContain('The account, outage or policy was not found.');
    expect(text).toContain('the hub and the other desktops do not have it');
    expect(text).not.toContain('not_found');
    await report.scrollIntoViewIfNeeded();
    await h.docsScreenshot('evidence-sync-05-report-refused-en-light');
    expect(await seriousA11yViolations(h)).toEqual([]);

    await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
    await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
    const nlReport = h.page.getByTestId('fault-report').filter({ hasText: 'CALL-SYNC-0002' });
    await expect.poll(() => nlReport.innerText(), { timeout: 10_000 }).toContain('Geweigerd door de hub');
    expect(await nlReport.innerText()).toContain('De klant, storing of regeling is niet gevonden.');
    await nlReport.scrollIntoViewIfNeeded();
    await h.docsScreenshot('evidence-sync-06-report-refused-nl-light');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.docsScreenshot('evidence-sync-07-report-refused-nl-dark');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
  }, 150_000);
});
