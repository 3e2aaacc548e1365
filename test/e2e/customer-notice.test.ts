import { afterAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, openAccount, signIn } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

describe('the text to send the customer, end to end', () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
    await closeBrowser();
  });

  it('offers a Dutch customer the SMS and email in Dutch, one SMS long, and copies it through main', async () => {
    // After the Noord-Holland outage of September 2024, which touched Jan de Vries.
    h = await startHarness({ startAt: new Date('2024-09-20T10:00:00.000Z') });
    await signIn(h, 'alice', 'agent-demo-2024');
    await openAccount(h, demoAccounts.janDeVries.accountNumber);
    const row = h.page.getByTestId('answer-row').first();
    await row.getByText('Text to send the customer').click();
    const sms = row.getByTestId('notice-sms');
    await sms.waitFor();
    expect(await sms.getAttribute('lang')).toBe('nl');
    const text = await sms.innerText();
    expect(text).toMatch(/^AT&T: /);
    expect(text).toMatch(/storing van 10 sep 2024/);
    await expect.poll(() => row.getByText(/of 160 characters: one SMS/).count()).toBe(1);
    await row.getByRole('button', { name: 'Copy SMS' }).click();
    await row.getByText('Copied. Paste it into the SMS or email tool.').waitFor();
    expect(h.clipboardTexts).toEqual([text]);
    expect(await a11yViolations(h)).toEqual([]);
    await row.scrollIntoViewIfNeeded();
    await h.docsScreenshot('customer-notice-nl');
  });
});
