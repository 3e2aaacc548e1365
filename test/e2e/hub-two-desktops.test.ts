import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { enrolOnHubScreen, openAccount, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/*
 * Two desktops, one queue: two real backends with their own SQLite files and two Chromium
 * pages, against one real hub on a real PostgreSQL that this file starts. Nothing is
 * reloaded: what reaches a desktop by sync shows because its views follow main's data.
 */

const carlos = demoAccounts.carlosPena;
const okafor = demoAccounts.okaforLogistics;
const maria = demoAccounts.mariaMuller;
const zoe = demoAccounts.zoeNguyen;
const OUTAGE = 'Nationwide wireless outage (network change)';
const HUB_NEEDED = 'Approvals need the hub, and this desktop cannot reach it just now.';

let site: HubTestSite;
let a: Harness;
let b: Harness;

async function enrolThroughHubScreen(h: Harness, name: string): Promise<void> {
  await enrolOnHubScreen(h, await site.enrolmentCode(), name);
  // The desktop's standalone history (the demo's audit chain) went to a file the screen names.
  await h.page.getByTestId('hub-archive').filter({ hasText: /standalone-history-\d{8}T\d{6}Z\.ndjson/ }).waitFor();
  if (name === 'Desk A') await h.docsScreenshot('hub-00-desk-a-enrolled-history-archived');
  await signOut(h);
}

async function fileGoodwill(h: Harness, accountNumber: string, justification: string, reason = 'excluded_segment_goodwill'): Promise<void> {
  await openAccount(h, accountNumber);
  await h.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
  const form = h.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
  await form.getByLabel('Kind').selectOption('goodwill');
  await form.getByLabel('Amount (USD)').fill('5.00');
  await form.getByLabel('Reason').selectOption(reason);
  await form.getByLabel('Justification').fill(justification);
  await form.getByLabel('Interaction reference').fill('CALL-20240304-0042');
  await form.getByRole('button', { name: 'Submit for approval' }).click();
  await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
}

function queueItem(h: Harness, accountNumber: string) {
  return h.page.getByRole('article', { name: new RegExp(`account ${accountNumber}`) });
}

async function hubRequestStatus(accountNumber: string): Promise<string[]> {
  const { rows } = await site.owner.query<{ status: string }>(
    'SELECT r.status FROM override_requests r JOIN accounts a ON a.id = r.account_id WHERE a.account_number = $1',
    [accountNumber],
  );
  return rows.map((row) => row.status);
}

beforeAll(async () => {
  site = await startHubTestSite();
  const hub = { mode: 'hub', url: site.url(), ca: null, source: 'test' } as const;
  // The clock near real time: the hub stamps sessions and credits with its own.
  a = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  b = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  await enrolThroughHubScreen(a, 'Desk A');
  await enrolThroughHubScreen(b, 'Desk B');
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await closeBrowser();
  await site?.close();
}, 60_000);

describe('two desktops, one queue, one hub (Chromium, real hub on PostgreSQL)', () => {
  it('Alice files goodwill on A; it appears in Sam’s queue on B without a reload; he approves; Alice sees the credit and its bill date', async () => {
    await signIn(b, 'sam', 'supervisor-demo-2024');
    await b.page.getByRole('button', { name: 'Approval queue' }).click();
    await b.page.getByText('Queue clear: no request is waiting for a decision.').waitFor();

    await signIn(a, 'alice', 'agent-demo-2024');
    await fileGoodwill(a, carlos.accountNumber, 'Prepaid customer, no service for 12 hours on 22 February.');
    await a.docsScreenshot('hub-01-desk-a-alice-filed');
    await a.page.getByRole('button', { name: 'My override requests' }).click();
    const row = a.page.getByRole('row', { name: /Carlos Peña/ });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Pending');

    // B's page is never reloaded: the request reaches B's cache by the hub's nudge, and its queue follows.
    const item = queueItem(b, carlos.accountNumber);
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => item.innerText()).toContain('filed by alice');
    await b.docsScreenshot('hub-02-desk-b-sam-queue');
    await item.getByLabel('Decision note').fill('Goodwill for a prepaid customer, within policy for excluded segments.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await b.page.getByText(/Approved\. The credit is scheduled for the bill of /).waitFor();
    await expect.poll(() => hubRequestStatus(carlos.accountNumber), { timeout: 10_000 }).toEqual(['approved']);

    // A's list of requests was open all along: it shows the hub's credit with its bill date.
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Approved');
    const { rows } = await site.owner.query<{ bill: string }>(
      "SELECT to_char(c.bill_date, 'YYYY-MM-DD') AS bill FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = $1",
      [carlos.accountNumber],
    );
    expect(rows).toHaveLength(1);
    const [year, month, day] = rows[0]!.bill.split('-').map(Number) as [number, number, number];
    const shown = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    await expect.poll(() => row.getByTestId('credit-cell').innerText(), { timeout: 10_000 }).toContain(`Scheduled, on the bill of ${shown}`);
    await a.docsScreenshot('hub-03-desk-a-alice-sees-credit');
  });

  it('Sam cannot approve a request he filed himself', async () => {
    await fileGoodwill(b, maria.accountNumber, 'Customer waited two hours on the line for nothing.', 'service_recovery');
    await expect.poll(() => hubRequestStatus(maria.accountNumber), { timeout: 10_000 }).toEqual(['pending']);
    await b.page.getByRole('button', { name: 'Approval queue' }).click();
    const own = queueItem(b, maria.accountNumber);
    await own.waitFor();
    await own.getByLabel('Decision note').fill('Approving my own request.');
    await own.getByRole('button', { name: 'Approve' }).click();
    await own.getByRole('alert').filter({ hasText: 'You cannot decide a request you filed yourself.' }).waitFor();
    await b.docsScreenshot('hub-04-desk-b-own-request-refused');
    expect(await hubRequestStatus(maria.accountNumber)).toEqual(['pending']);
  });

  it('with the hub stopped, Alice’s request waits on A and Sam’s approval on B is refused with the message; once the hub is back the request syncs', async () => {
    await fileGoodwill(a, okafor.accountNumber, 'Business line down all morning; the owner called three times.');
    const okaforItem = queueItem(b, okafor.accountNumber);
    await okaforItem.waitFor({ timeout: 10_000 });

    await site.stop();
    await fileGoodwill(a, zoe.accountNumber, 'Cricket customer asked for goodwill after the outage.');
    await a.page.getByRole('button', { name: 'My override requests' }).click();
    const zoeRow = a.page.getByRole('row', { name: /Zoë Nguyễn/ });
    await expect.poll(() => zoeRow.innerText(), { timeout: 10_000 }).toContain('Waiting to reach the hub');
    await a.page.getByRole('banner').getByText('Offline', { exact: true }).waitFor({ timeout: 10_000 });
    await a.page.getByText(/^Offline: working from this desktop’s copy/).waitFor();
    await a.docsScreenshot('hub-05-desk-a-offline-request-waits');
    expect(await a.backend.db.prepare("SELECT count(*) FROM hub_outbox WHERE state = 'pending'").pluck().get()).toBe(1);

    await okaforItem.getByLabel('Decision note').fill('Fine by me.');
    await okaforItem.getByRole('button', { name: 'Approve' }).click();
    await okaforItem.getByRole('alert').filter({ hasText: HUB_NEEDED }).waitFor({ timeout: 15_000 });
    await b.docsScreenshot('hub-06-desk-b-approval-refused-offline');
    expect(await b.backend.db.prepare("SELECT count(*) FROM hub_outbox WHERE op = 'override.decide' AND request_id IN (SELECT id FROM override_requests WHERE status = 'approved' AND decided_at IS NOT NULL) AND state = 'pending'").pluck().get()).toBe(0);

    await site.start();
    // Nothing is clicked: the stream reopens, the outbox goes, and A's list follows.
    await expect.poll(() => zoeRow.innerText(), { timeout: 20_000 }).not.toContain('Waiting to reach the hub');
    expect(await hubRequestStatus(zoe.accountNumber)).toEqual(['pending']);
    expect(await hubRequestStatus(okafor.accountNumber)).toEqual(['pending']);
    await expect.poll(async () => (await a.page.getByRole('banner').innerText()).includes('Offline'), { timeout: 10_000 }).toBe(false);
    const zoeItem = queueItem(b, zoe.accountNumber);
    await zoeItem.waitFor({ timeout: 10_000 });
    await zoeItem.scrollIntoViewIfNeeded();
    await b.docsScreenshot('hub-07-desk-b-synced-after-hub-back');
  });

  it('with the hub down, Alice signs in again on A against the cached verifier and works offline; Bob, never signed in on A, is told why he cannot', async () => {
    await site.stop();
    await signOut(a);
    await signIn(a, 'alice', 'agent-demo-2024');
    await a.page.getByRole('banner').getByText('Offline', { exact: true }).waitFor({ timeout: 10_000 });
    await openAccount(a, maria.accountNumber);
    await a.docsScreenshot('hub-08-desk-a-offline-sign-in');
    await signOut(a);
    await a.page.getByLabel('Username').fill('bob');
    await a.page.getByLabel('Password').fill('agent-demo-2024');
    await a.page.getByRole('button', { name: 'Sign in' }).click();
    await a.page.getByText(/Only someone who signed in on this desktop in the last 12 hours can sign in without it/).waitFor();
    await a.docsScreenshot('hub-09-desk-a-no-offline-sign-in');
    await site.start();
    await signIn(a, 'bob', 'agent-demo-2024');
    await expect.poll(async () => (await a.page.getByRole('banner').innerText()).includes('Offline'), { timeout: 10_000 }).toBe(false);
  });
});
