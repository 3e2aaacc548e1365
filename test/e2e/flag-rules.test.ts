import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';
import { goToWorkspace } from './navigation';

const carlos = demoAccounts.carlosPena;
const OUTAGE = 'Nationwide wireless outage (network change)';

describe('the admin’s flag rules drive the supervisor’s queue (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('two amounts just under the cap are not flagged by the shipped rules; Ada lowers the count to 2 on the limits screen and Sam’s card says why', async () => {
    const db = h.backend.db;
    const alice = db.prepare(`SELECT id FROM operators WHERE username = 'alice'`).pluck().get() as number;
    const other = db.prepare('SELECT id FROM accounts WHERE account_number <> ? ORDER BY id LIMIT 1').pluck().get(carlos.accountNumber) as number;
    const account = db.prepare('SELECT id FROM accounts WHERE account_number = ?').pluck().get(carlos.accountNumber) as number;
    const outage = db.prepare('SELECT id FROM outages WHERE title = ?').pluck().get(OUTAGE) as number;
    const insert = db.prepare(
      `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, requested_by, status, created_at)
       VALUES (?, ?, ?, 'goodwill', ?, 'USD', 'excluded_segment_goodwill', 'Prepaid customer, no service for 12 hours.', 'CALL-2', ?, ?, ?)`,
    );
    insert.run('01HQE2ERULE000000000000001', other, outage, 4_900, alice, 'withdrawn', '2024-02-27T15:00:00.000Z');
    insert.run('01HQE2ERULE000000000000002', account, outage, 4_800, alice, 'pending', '2024-03-04T09:00:00.000Z');

    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const card = h.page.getByRole('article', { name: new RegExp(`account ${carlos.accountNumber}`) });
    await card.waitFor();
    expect(await card.getByRole('region', { name: 'Worth a closer look' }).count()).toBe(0);
    await signOut(h);

    await signIn(h, 'ada', 'admin-demo-2024');
    await goToWorkspace(h, 'Override limits');
    // Each currency has its own limits: Ada lowers the euro cap only.
    const eurCap = h.page.getByLabel('Largest amount per request in EUR');
    await expect.poll(() => eurCap.inputValue()).toBe('50.00');
    expect(await h.page.getByLabel('Largest amount per request in USD').inputValue()).toBe('50.00');
    await eurCap.fill('40.00');
    await h.page.getByRole('button', { name: 'Save limits' }).click();
    await h.page.getByText(/Limits saved/).waitFor();
    await h.page.getByRole('group', { name: 'Limits in USD' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('limits-per-currency-en');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('limits-per-currency-en-dark');
    await h.page.emulateMedia({ colorScheme: 'light' });
    const rules = h.page.getByRole('region', { name: 'Flags for supervisors' });
    const count = rules.getByLabel('Amounts just under the cap by one agent');
    await expect.poll(() => count.inputValue()).toBe('3');
    await count.fill('2');
    await rules.getByRole('button', { name: 'Save flag rules' }).click();
    await rules.getByText(/Flag rules saved/).waitFor();
    await rules.getByRole('group', { name: 'Repeated requests and amounts just under the cap' }).scrollIntoViewIfNeeded();
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('limits-flag-rules-en');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('limits-flag-rules-en-dark');
    await h.page.emulateMedia({ colorScheme: 'light' });
    await signOut(h);

    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const flags = card.getByRole('region', { name: 'Worth a closer look' });
    await expect.poll(() => flags.getByRole('listitem').allInnerTexts()).toEqual(['2 requests by alice just under the cap of $50.00 in 30 days, this one included.']);
    expect(db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'override_patterns.changed'`).pluck().get()).toBe(1);
    await signOut(h);

    // The same form in Dutch: the euro cap Ada saved, in Dutch money notation.
    await signIn(h, 'ada', 'admin-demo-2024');
    await goToWorkspace(h, 'Override limits');
    await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
    await h.page.getByRole('heading', { name: 'Limieten voor uitzonderingen', level: 1 }).waitFor();
    const usd = h.page.getByRole('group', { name: 'Limieten in USD' });
    await usd.waitFor();
    await expect.poll(() => h.page.getByRole('group', { name: 'Limieten in EUR' }).getByRole('textbox').first().inputValue()).toBe('40,00');
    await usd.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('limits-per-currency-nl');
  });
});
