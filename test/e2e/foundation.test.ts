import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { takeScreenPopLinks, type ScreenPopLinkApp } from '../../electron/main/screen-pop/os-links';
import { attemptSignIn as signIn, seriousA11yViolations } from './actions';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const muller = demoAccounts.mariaMuller;
const deVries = demoAccounts.janDeVries;

async function search(h: Harness, query: string) {
  const box = h.page.getByRole('combobox', { name: 'Find the caller' });
  await box.fill(query);
  return h.page.locator('#search-results');
}

describe('foundation end to end (real renderer bundle, real handlers, real SQLite file)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(async () => {
    await closeBrowser();
    console.log(`End-to-end screenshots: ${SCREENSHOT_DIR}`);
  });

  it('signs in, finds the caller by every search mode, and opens the account with its lines', async () => {
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await h.screenshot('01-sign-in');
    expect(await seriousA11yViolations(h)).toEqual([]);

    await signIn(h, 'alice', 'agent-demo-2024');
    await h.page.getByRole('combobox', { name: 'Find the caller' }).waitFor();

    const queries: Array<[string, string]> = [
      ['account number', muller.accountNumber],
      ['phone, (212) format', '(212) 555-0147'],
      ['phone, +1 spaced', '+1 212 555 0147'],
      ['phone, digits only', '2125550147'],
      ['email, any case', 'Maria.Muller@Example.com'],
      ['postal code', muller.postalCode],
      ['name without accent', 'muller'],
    ];
    for (const [mode, query] of queries) {
      const list = await search(h, query);
      await expect
        .poll(async () => list.getByRole('option').allInnerTexts(), { message: mode, timeout: 5000 })
        .toEqual(expect.arrayContaining([expect.stringContaining(muller.accountNumber)]));
    }
    const dutch = await search(h, '06-12345678');
    await expect.poll(async () => dutch.getByRole('option').allInnerTexts(), { timeout: 5000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(deVries.accountNumber)]));
    const byPrefix = await search(h, 'de vr');
    await expect.poll(async () => byPrefix.getByRole('option').allInnerTexts(), { timeout: 5000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Jan de Vries')]));

    await search(h, 'muller');
    await h.page.getByRole('option', { name: /Maria Müller/ }).first().waitFor();
    await h.screenshot('02-search-results');
    expect(await seriousA11yViolations(h)).toEqual([]);

    // Keyboard only: narrow to the caller, move to the first result and open it.
    await search(h, muller.accountNumber);
    await expect.poll(() => h.page.getByRole('option').count()).toBe(1);
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Enter');
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor();
    const lines = h.page.getByRole('table');
    await expect.poll(() => lines.getByRole('row').count()).toBe(muller.lines.length + 1);
    await h.screenshot('03-account');
    expect(await seriousA11yViolations(h)).toEqual([]);

    // Back keeps the query.
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByRole('combobox', { name: 'Find the caller' }).inputValue()).toBe(muller.accountNumber);

    // Two actions from number to account: the number goes in and Enter at once, before any answer.
    const box = h.page.getByRole('combobox', { name: 'Find the caller' });
    await box.fill('');
    await box.fill(muller.accountNumber);
    await box.press('Enter');
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ timeout: 5000 });

    // Zero actions: the phone system opens a link, and the running page shows that caller.
    await h.page.keyboard.press('Escape');
    h.backend.screenPops.offer(`outage-credit-desk://lookup?phone=${encodeURIComponent('(212) 555-0147')}&call=CALL-E2E-1`);
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ timeout: 5000 });
    // The same through main's handler of the operating system's events (Electron's app stood in
    // for): a second launch's command line, then macOS's open-url.
    const electronApp = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true, quit: () => {}, setAsDefaultProtocolClient: () => true });
    takeScreenPopLinks(electronApp as unknown as ScreenPopLinkApp, () => null, [])!.attach(h.backend.screenPops);
    await h.page.keyboard.press('Escape');
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ state: 'hidden' });
    electronApp.emit('second-instance', {}, ['/opt/outage-credit-desk/outage-credit-desk', `outage-credit-desk://lookup?account=${muller.accountNumber}&call=CALL-E2E-2`], '/');
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ timeout: 5000 });
    await h.page.keyboard.press('Escape');
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ state: 'hidden' });
    electronApp.emit('open-url', { preventDefault: () => {} }, `outage-credit-desk://lookup?phone=${encodeURIComponent('(212) 555-0147')}`);
    await h.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ timeout: 5000 });
    h.backend.screenPops.offer('outage-credit-desk://lookup?account=287100000001&role=admin');
    await h.page.getByRole('alert').filter({ hasText: 'does not accept' }).waitFor({ timeout: 5000 });
    await h.screenshot('06-screen-pop-refused');
    await h.page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('answers empty, SQL-looking, huge and odd input without an error', async () => {
    await signIn(h, 'alice', 'agent-demo-2024');
    const box = h.page.getByRole('combobox', { name: 'Find the caller' });
    await box.waitFor();
    for (const query of ["'; DROP TABLE accounts; --", '"NEAR(*', '👩‍👩‍👧 مرحبا ‮', 'x'.repeat(10_000), '   ']) {
      await box.fill(query);
      await h.page.waitForTimeout(250);
      expect(await h.page.getByRole('alert').count(), query.slice(0, 20)).toBe(0);
      expect((await box.inputValue()).length).toBeLessThanOrEqual(200);
    }
    await box.fill("'; DROP TABLE accounts; --");
    await h.page.waitForTimeout(250);
    await h.screenshot('04-no-results');
    // The table is still there.
    await box.fill('muller');
    await h.page.getByRole('option', { name: /Maria Müller/ }).first().waitFor();
  });

  it('locks an operator after five wrong passwords and says until when', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(h, 'bob', 'wrong-password');
      await h.page.getByRole('alert').waitFor();
    }
    await expect.poll(() => h.page.getByRole('alert').innerText()).toMatch(/locked/i);
    await h.screenshot('05-locked-out');
    // Even the right password is refused while locked.
    await signIn(h, 'bob', 'agent-demo-2024');
    await expect.poll(() => h.page.getByRole('alert').innerText()).toMatch(/locked/i);
    // After 15 minutes the operator can sign in again.
    h.advanceClock(15 * 60 * 1000 + 1000);
    await signIn(h, 'bob', 'agent-demo-2024');
    await h.page.getByRole('combobox', { name: 'Find the caller' }).waitFor();
  });
});
