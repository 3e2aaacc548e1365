import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '@shared/policy/policy-schema';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { runPolicyForOutage } from '../../electron/main/policies/policy-run';
import { openAccount, seriousA11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const NATIONWIDE = 'Nationwide wireless outage (network change)';
const DUTCH = 'Regional outage Noord-Holland and Utrecht (equipment failure)';
// AT&T postpaid in a covered region with no impact record: the February 2024 pack needs one.
const NO_IMPACT = '280000000005';
const RUN_AT = new Date('2024-09-20T10:00:00.000Z');

describe('policy fidelity end to end: the fault-report path, the revised outage, the legal amount beside goodwill', () => {
  let h: Harness;
  let dutchOutageId: number;
  beforeAll(async () => {
    h = await startHarness({ startAt: RUN_AT });
    const db = h.backend.db;
    dutchOutageId = db.prepare("SELECT id FROM outages WHERE source_id = 'nl-2024-09-10-randstad'").pluck().get() as number;
    // A carrier's goodwill for the Dutch outage, beside the law's amount.
    const goodwill = Policy.parse({
      code: 'nl-carrier-goodwill-2024-09',
      version: 1,
      name: 'Carrier goodwill after the Randstad outage',
      currency: 'EUR',
      unit: 'account',
      inclusion: { countries: ['NL'] },
      amount: { kind: 'flat', amountMinor: 500 },
      delivery: { mode: 'automatic', postWithinCycles: 2 },
    });
    const id = db.prepare('INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?) RETURNING id').pluck().get(goodwill.code, 1, JSON.stringify(goodwill));
    db.prepare('INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?)').run(dutchOutageId, id);
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('records the customer’s fault report, a supervisor approves the credit resting on it, and the credit is scheduled', async () => {
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, NO_IMPACT);
    const card = h.page.getByRole('article', { name: NATIONWIDE });
    await expect.poll(() => card.innerText()).toContain('Needs review');
    await expect.poll(() => card.innerText()).toContain('Record the customer’s fault report');
    const panel = h.page.getByTestId('evidence-panel');
    const feb = panel.locator(`[data-evidence-outage]`).filter({ hasText: NATIONWIDE });
    await feb.getByRole('button', { name: 'Record a fault report' }).click();
    await feb.getByRole('checkbox', { name: 'calls' }).check();
    await feb.getByRole('checkbox', { name: 'mobile data' }).check();
    await feb.getByLabel('Failed from (your time)').fill('2024-02-22T03:00');
    await feb.getByLabel('Came back at (your time; empty if still failing)').fill('2024-02-22T13:30');
    await feb.getByLabel('What the customer says').fill('No calls and no data on both phones from early morning until lunch.');
    await feb.getByLabel('Call or ticket reference').fill('CALL-5501');
    await feb.getByRole('button', { name: 'Record the report' }).click();
    await expect.poll(() => feb.innerText()).toContain('a supervisor has been asked to approve it');
    await expect.poll(() => feb.getByTestId('fault-report').innerText()).toMatch(/Whole account: calls, mobile data failed from/);
    await expect.poll(() => card.innerText()).toContain('The credit rests on the customer’s report: a supervisor approves it.');
    await feb.scrollIntoViewIfNeeded();
    await h.docsScreenshot('policy-01-fault-report-recorded');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await signOut(h);

    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const item = h.page.getByRole('article', { name: new RegExp(`account ${NO_IMPACT}`) });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toContain('Credit on the customer’s fault report');
    await expect.poll(() => item.getByTestId('approval-fault-report').innerText()).toMatch(/Rests on the customer’s fault report: Whole account, calls, mobile data failed/);
    await item.scrollIntoViewIfNeeded();
    await h.docsScreenshot('policy-02-queue-fault-report');
    await item.getByLabel('Decision note').fill('The report fits the outage window; paying the policy credit.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await h.page.getByText(/Approved\. The credit is scheduled for the bill of/).waitFor();

    // The register: every report, whose it is, and the request it led to, now approved.
    await h.page.locator('.app-nav__workspaces').getByRole('button', { name: 'Fault reports', exact: true }).click();
    const reportRow = h.page.getByRole('row').filter({ hasText: NO_IMPACT });
    await expect.poll(() => reportRow.innerText()).toMatch(/Whole account: calls, mobile data[\s\S]*alice[\s\S]*\$5\.00, Approved/);
    await h.docsScreenshot('policy-08-fault-report-register');
    expect(await seriousA11yViolations(h)).toEqual([]);

    await openAccount(h, NO_IMPACT);
    await expect.poll(() => h.page.getByRole('article', { name: NATIONWIDE }).innerText()).toContain('Already credited');
    const credit = h.page.locator('[data-credit]');
    await expect.poll(() => credit.allInnerTexts()).toEqual([expect.stringContaining('$5.00')]);
    await credit.first().scrollIntoViewIfNeeded();
    await h.docsScreenshot('policy-03-credit-after-approval');
    await signOut(h);
  }, 120_000);

  it('shows the revised outage’s adjustment on the credit timeline, with its reason', async () => {
    const db = h.backend.db;
    const run = (runId: string) => runPolicyForOutage(db, { runId, outageId: dutchOutageId, startedBy: null, now: RUN_AT, clock: () => RUN_AT });
    await run('e2e-first');
    // Revised from 26 h to 50 h: the trigger bumps the revision, the next run pays the difference.
    db.prepare("UPDATE outages SET ends_at = '2024-09-12T06:00:00.000Z' WHERE id = ?").run(dutchOutageId);
    await run('e2e-after-revision');

    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, demoAccounts.janDeVries.accountNumber);
    const adjustment = h.page.locator('[data-adjustment="outage_revised"]');
    await adjustment.first().waitFor();
    await expect.poll(() => adjustment.first().innerText()).toMatch(/€1\.55/);
    await expect.poll(() => adjustment.first().innerText()).toMatch(/revis/i);
    await adjustment.first().scrollIntoViewIfNeeded();
    await h.docsScreenshot('policy-04-revised-outage-adjustment');
  });

  it('shows a Dutch account the legal amount as its own line beside the carrier’s goodwill', async () => {
    const cards = h.page.getByRole('article', { name: DUTCH });
    await expect.poll(() => cards.count()).toBe(2);
    const legal = h.page.locator('[data-legal-basis="statute"]');
    await expect.poll(() => legal.innerText()).toContain('Legal amount (the law’s minimum) €4.65');
    await expect.poll(() => h.page.locator('[data-legal-basis="carrier"]').innerText()).toContain('Carrier goodwill €5.00');
    const beside = h.page.getByTestId('decision-beside-legal');
    await expect.poll(() => beside.innerText()).toMatch(/on top of the legal amount of €4\.65/);
    await h.page.evaluate(`document.querySelector('[data-legal-basis="statute"]').closest('article').scrollIntoView({ block: 'start' })`);
    await h.docsScreenshot('policy-05-legal-amount-beside-goodwill');
    expect(await seriousA11yViolations(h)).toEqual([]);
  });
});

describe('compensation in kind end to end: the consent travels with the request to the supervisor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ startAt: RUN_AT });
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
  });

  it('an agent offers a data bundle with the customer’s consent, and the supervisor sees what, its value and the consent', async () => {
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, demoAccounts.janDeVries.accountNumber);
    await h.page.getByRole('button', { name: `Request override for ${DUTCH}` }).click();
    const form = h.page.getByRole('form', { name: `Override request: ${DUTCH}` });
    await form.getByLabel('Kind').selectOption('in_kind');
    await form.getByTestId('in-kind-consent').waitFor();
    await form.getByLabel('What the customer receives').fill('10 GB extra data, valid one month');
    await form.getByLabel('How the customer agreed').selectOption('verbal_on_call');
    await form.getByLabel('When the customer agreed (your time)').fill('2024-09-20T04:55');
    await form.getByLabel('Amount (EUR)').fill('4.00');
    await form.getByLabel('Reason').selectOption('service_recovery');
    await form.getByLabel('Justification').fill('Customer prefers an extra data bundle to the bill credit.');
    await form.getByLabel('Interaction reference').fill('CALL-NL-0042');
    await form.scrollIntoViewIfNeeded();
    await h.docsScreenshot('policy-06-in-kind-form');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    await h.page.getByText('Request submitted. A supervisor will review it.').waitFor();
    await signOut(h);

    await signIn(h, 'sam', 'supervisor-demo-2024');
    await h.page.getByRole('button', { name: 'Approval queue' }).click();
    const item = h.page.getByRole('article', { name: new RegExp(`account ${demoAccounts.janDeVries.accountNumber}`) });
    await item.waitFor();
    // 04:55 in Chicago is 09:55 UTC; the supervisor reads it in their own zone.
    await expect.poll(() => item.getByTestId('approval-in-kind').innerText()).toMatch(
      /In kind: 10 GB extra data, valid one month, worth €4\.00\. Consent: Said yes on this call, Sep 20, 2024, 4:55 AM, captured by alice\./,
    );
    await h.docsScreenshot('policy-07-queue-in-kind-consent');
    expect(await seriousA11yViolations(h)).toEqual([]);
    await item.getByLabel('Decision note').fill('Consent on record; the bundle is worth more than the legal amount.');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => h.backend.db.prepare("SELECT status FROM override_requests WHERE kind = 'in_kind'").pluck().get()).toBe('approved');
    expect(h.backend.db.prepare("SELECT count(*) FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = ?").pluck().get(demoAccounts.janDeVries.accountNumber)).toBe(0);
  });
});
