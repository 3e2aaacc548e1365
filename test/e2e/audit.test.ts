import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { openAccount, seriousA11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const carlos = demoAccounts.carlosPena; // AT&T Prepaid: goodwill is the only way to a credit.
const OUTAGE = 'Nationwide wireless outage (network change)';

describe('the audit log as sentences (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('Alice files an override, Sam approves it, and the audit log says so in sentences with what changed', async () => {
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, carlos.accountNumber);
    await h.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
    const form = h.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
    await form.getByLabel('Kind').selectOption('goodwill');
    await form.getByLabel('Amount (USD)').fill('5.00');
    await form.getByLabel('Reason').selectOption('excluded_segment_goodwill');
    await form.getByLabel('Justification').fill('Prepaid customer, no service for 12 hours on 22 February.');
    await form.getByLabel('Interaction reference').fill('CALL-20240304-0042');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await signOut(h);

    h.advanceClock(90 * 60_000);
    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const item = h.page.getByRole('article', { name: new RegExp(`account ${carlos.accountNumber}`) });
    await item.getByLabel('Decision note').fill('Goodwill for a prepaid customer, within policy.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await h.page.getByText(/Approved\. The credit is scheduled/).waitFor();

    await h.page.getByRole('button', { name: 'Audit log' }).click();
    await h.page.getByTestId('audit-chain').filter({ hasText: 'The audit chain verifies' }).waitFor();
    const events = h.page.getByRole('list', { name: 'Audit events' });
    const approved = events.getByRole('listitem', { name: `Sam Supervisor approved the override request of $5.00 for account ${carlos.accountNumber}, filed by alice.` });
    await approved.waitFor();
    // 16:30 UTC on 4 March 2024 is 10:30 in Chicago, Sam's time zone.
    await expect.poll(() => approved.locator('time').innerText()).toMatch(/Mar 4, 2024,? 10:30\s?AM/);
    await expect.poll(() => approved.getByRole('row', { name: /^Status/ }).innerText()).toMatch(/Status\s+Pending\s+Approved/);
    await events.getByRole('listitem', { name: `Alice Agent filed an override request for account ${carlos.accountNumber}: Goodwill credit, $5.00.` }).waitFor();
    await events.getByRole('listitem', { name: /^Sam Supervisor scheduled a credit of \$5\.00 for account/ }).waitFor();
    expect(await h.page.getByText(/\{"/).count()).toBe(0);
    await h.docsScreenshot('audit-sentences');
    expect(await seriousA11yViolations(h)).toEqual([]);

    // The account filter: only what concerns Carlos, the sign-ins gone.
    await h.page.getByLabel('Account number').fill(carlos.accountNumber);
    await h.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => events.getByRole('listitem').count()).toBe(3);
    await h.page.getByLabel('Operator').selectOption({ label: 'Alice Agent (alice)' });
    await h.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => events.getByRole('listitem').count()).toBe(1);
    await h.docsScreenshot('audit-filtered');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.docsScreenshot('audit-filtered-dark');
    expect(await seriousA11yViolations(h)).toEqual([]);
  });
});
