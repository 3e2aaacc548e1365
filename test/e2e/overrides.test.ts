import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { openAccount, seriousA11yViolations, signIn, signOut } from './actions';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const carlos = demoAccounts.carlosPena; // AT&T Prepaid: not eligible for the February 2024 credit.
const zoe = demoAccounts.zoeNguyen;
const OUTAGE = 'Nationwide wireless outage (network change)';
async function fileGoodwill(h: Harness, amount: string, justification: string, ref: string) {
  await h.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
  const form = h.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
  await form.getByLabel('Kind').selectOption('goodwill');
  await form.getByLabel('Amount (USD)').fill(amount);
  await form.getByLabel('Reason').selectOption('excluded_segment_goodwill');
  await form.getByLabel('Justification').fill(justification);
  await form.getByLabel('Interaction reference').fill(ref);
  return form;
}

describe('overrides end to end (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
    console.log(`End-to-end screenshots: ${SCREENSHOT_DIR}`);
  });

  it('an agent files goodwill for a prepaid customer, a supervisor approves it, and the agent sees the credit scheduled', async () => {
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, carlos.accountNumber);
    const form = await fileGoodwill(h, '5.00', 'Prepaid customer, no service for 12 hours on 22 February.', 'CALL-20240304-0042');
    await h.screenshot('overrides-01-form');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await form.getByRole('button', { name: 'Submit for approval' }).dblclick();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await h.page.getByText('A request for this outage is waiting for a supervisor.').waitFor();
    // The decision itself says so, next to the outage the caller asks about.
    await h.page.getByRole('article').filter({ hasText: 'Override requested: waiting for a supervisor.' }).first().waitFor();
    const requests = h.backend.db.prepare('SELECT count(*) FROM override_requests').pluck().get();
    expect(requests).toBe(1);
    await signOut(h);

    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const item = h.page.getByRole('article', { name: new RegExp(`Carlos Peña, account ${carlos.accountNumber}`) });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toContain('filed by alice');
    await expect.poll(() => item.innerText()).toContain('Not eligible');
    await h.screenshot('overrides-02-queue');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await item.getByLabel('Decision note').fill('Goodwill for a prepaid customer, within policy for excluded segments.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await h.page.getByText(/Approved\. The credit is scheduled for the bill of .*2024/).waitFor();
    await signOut(h);

    await signIn(h, 'alice', 'agent-demo-2024');
    await h.page.getByRole('button', { name: 'My override requests' }).click();
    const row = h.page.getByRole('row', { name: /Carlos Peña/ });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('Approved');
    // Scheduled on 4 March 2024; Carlos bills on the 3rd, so the credit is on the bill of 3 April 2024.
    await expect.poll(() => row.getByTestId('credit-cell').innerText()).toMatch(/Scheduled, on the bill of (Apr 3, 2024|4\/3\/2024)/);
    await h.screenshot('overrides-03-approved-credit');
    expect(await seriousA11yViolations(h)).toEqual([]);
    const credit = h.backend.db.prepare("SELECT source, status, bill_date AS billDate, amount_minor AS amount FROM credits").get();
    expect(credit).toEqual({ source: 'override', status: 'scheduled', billDate: '2024-04-03', amount: 500 });
    await signOut(h);
  });

  it('refuses a supervisor approving a request they filed themselves', async () => {
    await signIn(h, 'sam', 'supervisor-demo-2024');
    await openAccount(h, zoe.accountNumber);
    const form = await fileGoodwill(h, '4.00', 'Cricket customer asked for goodwill after the outage.', 'CALL-20240304-0077');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const item = h.page.getByRole('article', { name: new RegExp(`account ${zoe.accountNumber}`) });
    await item.waitFor();
    await item.getByLabel('Decision note').fill('Approving my own request.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.getByRole('alert').filter({ hasText: 'You cannot decide a request you filed yourself.' }).waitFor();
    await h.screenshot('overrides-04-own-request-refused');
    const status = h.backend.db
      .prepare("SELECT r.status FROM override_requests r JOIN accounts a ON a.id = r.account_id WHERE a.account_number = ?")
      .pluck()
      .get(zoe.accountNumber);
    expect(status).toBe('pending');
    const refusal = h.backend.db
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'override.refused' AND json_extract(after_json, '$.reason') = 'own_request'")
      .pluck()
      .get();
    expect(refusal).toBe(1);

    await h.page.getByRole('button', { name: 'Audit log' }).click();
    await h.page.getByTestId('audit-chain').filter({ hasText: 'The audit chain verifies' }).waitFor();
    await h.screenshot('overrides-05-audit');
    expect(await seriousA11yViolations(h)).toEqual([]);
  });
});
