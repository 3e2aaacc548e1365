import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, openAccount, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const carlos = demoAccounts.carlosPena;
const OUTAGE = 'Nationwide wireless outage (network change)';

describe('a pattern flag on the supervisor’s queue (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('Alice’s third amount just under the cap in a month shows its reason on Sam’s card, and Sam can still approve it', async () => {
    const db = h.backend.db;
    // Two earlier requests of Alice's, just under the $50.00 cap, withdrawn: history main reads.
    const alice = db.prepare(`SELECT id FROM operators WHERE username = 'alice'`).pluck().get() as number;
    const others = db.prepare('SELECT id FROM accounts WHERE account_number <> ? ORDER BY id LIMIT 2').pluck().all(carlos.accountNumber) as number[];
    const outage = db.prepare('SELECT id FROM outages WHERE title = ?').pluck().get(OUTAGE) as number;
    const insert = db.prepare(
      `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, requested_by, status, created_at)
       VALUES (?, ?, ?, 'goodwill', ?, 'USD', 'other', 'Goodwill for a long outage, earlier.', 'CALL-1', ?, 'withdrawn', ?)`,
    );
    insert.run('01HQE2EFLAG000000000000001', others[0], outage, 4_900, alice, '2024-02-26T15:00:00.000Z');
    insert.run('01HQE2EFLAG000000000000002', others[1], outage, 4_750, alice, '2024-03-01T15:00:00.000Z');

    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, carlos.accountNumber);
    await h.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
    const form = h.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
    await form.getByLabel('Kind').selectOption('goodwill');
    await form.getByLabel('Amount (USD)').fill('49.00');
    await form.getByLabel('Reason').selectOption('excluded_segment_goodwill');
    await form.getByLabel('Justification').fill('Prepaid customer, no service for 12 hours on 22 February.');
    await form.getByLabel('Interaction reference').fill('CALL-20240304-0099');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await signOut(h);

    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const card = h.page.getByRole('article', { name: new RegExp(`account ${carlos.accountNumber}`) });
    const flags = card.getByRole('region', { name: 'Worth a closer look' });
    await expect.poll(() => flags.getByRole('listitem').allInnerTexts()).toEqual(['3 requests by alice just under the cap of $50.00 in 30 days, this one included.']);
    await card.scrollIntoViewIfNeeded();
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('approvals-flag-en');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('approvals-flag-en-dark');
    await h.page.emulateMedia({ colorScheme: 'light' });

    // The flag informs; it does not block.
    await card.getByLabel('Decision note').fill('Checked the earlier requests: withdrawn, not paid.');
    await card.getByRole('button', { name: 'Approve' }).click();
    await h.page.getByText(/Approved\. The credit is scheduled/).waitFor();
    expect(db.prepare(`SELECT status FROM override_requests WHERE amount_minor = 4900 AND status = 'withdrawn'`).pluck().all()).toEqual(['withdrawn']);
    expect(db.prepare(`SELECT status FROM override_requests WHERE account_id = (SELECT id FROM accounts WHERE account_number = ?)`).pluck().all(carlos.accountNumber)).toEqual(['approved']);
  });
});
