import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { openAccount, signIn } from './actions';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const NATIONWIDE = 'Nationwide wireless outage (network change)';
const DUTCH = 'Regional outage Noord-Holland and Utrecht (equipment failure)';

/** The decision card for one outage, found by its accessible name (the outage title). */
function decisionCard(h: Harness, outageTitle: string) {
  return h.page.getByRole('article', { name: outageTitle });
}

/** Opens the card's collapsed "Why" (the rules), as an agent asked "why not?" would. */
async function openWhy(card: ReturnType<typeof decisionCard>) {
  await card.getByTestId('decision-why').locator(':scope > summary').click();
  await card.locator('details[open][data-testid="decision-why"]').waitFor();
}

describe('credit decisions end to end (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Two weeks after the reference outage: the credit is scheduled from this date.
    h = await startHarness({ startAt: new Date('2024-03-04T15:00:00.000Z') });
    await signIn(h, 'alice', 'agent-demo-2024');
  });
  afterAll(async () => {
    await h.close();
    await closeBrowser();
    console.log(`End-to-end screenshots: ${SCREENSHOT_DIR}`);
  });

  it('shows a consumer postpaid AT&T account eligible for $5.00 once per account, with its bill dates', async () => {
    await openAccount(h, demoAccounts.mariaMuller.accountNumber);
    const card = decisionCard(h, NATIONWIDE);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Eligible');
    expect(text).toContain('$5.00');
    expect(text).toMatch(/one credit per account/i);
    // Bill cycle day 14, scheduled on 4 March 2024: next bill 14 March, at the latest 14 April.
    expect(text).toMatch(/Mar 14, 2024/);
    expect(text).toMatch(/Apr 14, 2024/);
    await h.screenshot('decisions-01-consumer-postpaid-eligible');
  });

  it('explains that a prepaid account is not covered and that an override can be requested', async () => {
    await openAccount(h, demoAccounts.carlosPena.accountNumber);
    const card = decisionCard(h, NATIONWIDE);
    await card.waitFor();
    await openWhy(card);
    const text = await card.innerText();
    expect(text).toContain('Not eligible');
    expect(text).toMatch(/This is a Prepaid account\./);
    expect(text).toMatch(/postpaid/i);
    expect(text).toMatch(/override/i);
    await h.screenshot('decisions-02-prepaid-not-eligible');
  });

  it('explains that a business account is not covered', async () => {
    await openAccount(h, demoAccounts.okaforLogistics.accountNumber);
    await openWhy(decisionCard(h, NATIONWIDE));
    const text = await decisionCard(h, NATIONWIDE).innerText();
    expect(text).toContain('Not eligible');
    expect(text).toMatch(/This is a Business account\./);
    await h.screenshot('decisions-03-business-not-eligible');
  });

  it('explains that a Cricket account is not covered', async () => {
    await openAccount(h, demoAccounts.zoeNguyen.accountNumber);
    await openWhy(decisionCard(h, NATIONWIDE));
    const text = await decisionCard(h, NATIONWIDE).innerText();
    expect(text).toContain('Not eligible');
    expect(text).toMatch(/This is a Cricket account\./);
    await h.screenshot('decisions-04-cricket-not-eligible');
  });

  it('gives a Dutch customer the Telecommunicatiewet credit in euros with its derivation', async () => {
    await openAccount(h, demoAccounts.janDeVries.accountNumber);
    const card = decisionCard(h, DUTCH);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('Eligible');
    // 26 hours on a EUR 46.50 plan: 2/30 of the monthly fee.
    expect(text).toContain('€3.10');
    expect(text).toContain('€46.50');
    await h.screenshot('decisions-05-dutch-eligible-eur');
  });

  it('puts the answer, with its amount or its reason, inside the first screen at 1366x768 for every demo account', async () => {
    await h.page.setViewportSize({ width: 1366, height: 768 });
    try {
      for (const demo of Object.values(demoAccounts)) {
        await openAccount(h, demo.accountNumber);
        const rows = h.page.getByTestId('answer-row');
        if ((await rows.count()) === 0) continue; // no outage touched this account
        await h.page.evaluate('window.scrollTo(0, 0)');
        const first = rows.first();
        const box = await first.boundingBox();
        expect(box, demo.accountNumber).not.toBeNull();
        expect(box!.y + box!.height, `${demo.accountNumber}: answer row ends below the first screen`).toBeLessThanOrEqual(768);
        const text = await first.innerText();
        // Jan de Vries speaks Dutch: his sentence is said in Dutch ("Say (Dutch): Ja: ...").
        expect(text).toMatch(/Say(?: \(Dutch\))?: (Yes: a [$€]\d|Ja: u krijgt|No credit for this outage: |I need to check|No credit has been set)/);
      }
      await openAccount(h, demoAccounts.mariaMuller.accountNumber);
      await h.page.evaluate('window.scrollTo(0, 0)');
      expect(await h.page.getByTestId('answer-row').first().innerText()).toMatch(/Yes: a \$5\.00 credit on your Mar 14, 2024 bill, at the latest Apr 14, 2024/);
      await h.screenshot('decisions-06-answer-strip-1366');
      await openAccount(h, demoAccounts.carlosPena.accountNumber);
      await h.page.evaluate('window.scrollTo(0, 0)');
      await h.screenshot('decisions-07-answer-strip-not-eligible-1366');
      // The override is on the answer's row: one click opens the form beside the outage, focused.
      await h.page.getByTestId('answer-row').first().getByRole('button', { name: 'Request an override' }).click();
      await expect.poll(() => h.page.evaluate('document.activeElement ? document.activeElement.id : ""')).toMatch(/^override-form-\d+-kind$/);
      await h.page.keyboard.press('Escape');
      await h.page.getByRole('button', { name: /Request override for/ }).first().waitFor();
    } finally {
      await h.page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
