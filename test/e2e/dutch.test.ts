import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, signIn as signInEnglish } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';
import { overflowing } from './layout-checks';

/** English texts that must not be left on a Dutch screen. */
const englishLeftovers = ['Sign out', 'Find the caller', 'Outage decisions', 'Say:', 'Eligible', 'Not eligible', 'Request an override', 'Account details', 'Lines'];

async function chooseDutch(h: Harness): Promise<void> {
  await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
  await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
}

async function openAccountDutch(h: Harness, accountNumber: string): Promise<void> {
  await h.page.getByRole('button', { name: 'Beller zoeken' }).first().click();
  await h.page.getByRole('combobox', { name: 'Beller zoeken' }).fill(accountNumber);
  await expect.poll(() => h.page.getByRole('option').allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining(accountNumber)]);
  await h.page.keyboard.press('ArrowDown');
  await h.page.keyboard.press('Enter');
  await h.page.getByRole('heading', { name: 'Beslissingen over storingen' }).waitFor();
  await h.page.getByRole('heading', { name: 'Uitzonderingen' }).waitFor();
  await h.page.evaluate('window.scrollTo(0, 0)');
}

async function bodyText(h: Harness): Promise<string> {
  return (await h.page.evaluate('document.body.innerText')) as string;
}

function operatorLocale(h: Harness, username: string): string {
  return h.backend.db.prepare('SELECT locale FROM operators WHERE username = ?').pluck().get(username) as string;
}

describe('the Dutch interface end to end', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('an agent switches to Nederlands, reads the answer strip in Dutch, and it stays Dutch after signing out and in', async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await signInEnglish(h, 'alice', 'agent-demo-2024');
    await chooseDutch(h);
    expect(await h.page.evaluate('document.documentElement.lang')).toBe('nl-NL');
    expect(operatorLocale(h, 'alice')).toBe('nl-NL');
    expect(await h.page.getByText('Aangemeld als Alice Agent, Medewerker').count()).toBe(1);

    // Eligible: the sentence to read aloud, with the money and the bill dates in Dutch.
    await openAccountDutch(h, demoAccounts.mariaMuller.accountNumber);
    const strip = h.page.getByRole('region', { name: 'Het antwoord voor deze beller' });
    const first = strip.getByTestId('answer-row').first();
    // Maria Müller speaks English: the sentence to say is hers, the rest of the screen Dutch.
    expect(await first.innerText()).toMatch(/Zeg \(Engels\): Yes: a \$5\.00 credit on your Mar 14, 2024 bill, at the latest Apr 14, 2024\./);
    // Alt+L: the same answer in the interface's language.
    await h.page.keyboard.press('Alt+l');
    expect(await first.innerText()).toMatch(
      /Zeg: Ja: u krijgt een vergoeding van US\$\s5,00 op uw factuur van 14 mrt 2024, uiterlijk op die van 14 apr 2024\. U hoeft daar niets voor te doen\./,
    );
    expect(await first.innerText()).toContain('Wel recht');
    const box = await first.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    const text = await bodyText(h);
    for (const english of englishLeftovers) expect(text, english).not.toContain(english);
    expect(text).toContain('Voorkeurstaal');
    expect(text).toContain('Waarom: de');
    await h.docsScreenshot('account-answer-nl');
    expect(await overflowing(h)).toEqual([]);
    expect(await a11yViolations(h)).toEqual([]);

    // "Why": the rules with their facts, each one a Dutch sentence.
    await h.page.getByText(/^Waarom: de \d+ gecontroleerde regels$/).first().click();
    const why = await bodyText(h);
    expect(why).toContain('De storing begon op 22 feb 2024, toen de vergoeding van februari 2024 van kracht was.');
    expect(why).toMatch(/De vergoeding komt uit op US\$\s5,00\./);
    expect(why).toContain('Dit is een AT&T-account, en dat valt onder de vergoeding van februari 2024.');
    await h.screenshot('dutch-account-why-full-page');
    await h.page.getByText(/^Waarom: de \d+ gecontroleerde regels$/).first().click();

    // At 200% zoom (half the CSS width) the Dutch header, menu and answer still fit, nothing cut off.
    await h.page.setViewportSize({ width: 683, height: 768 });
    await h.page.evaluate('window.scrollTo(0, 0)');
    await h.docsScreenshot('account-answer-zoom-200-nl');
    expect(await overflowing(h)).toEqual([]);
    await h.page.setViewportSize({ width: 1366, height: 768 });

    // Not eligible: the reason first, in the Dutch rule sentence, with the override on the row.
    await openAccountDutch(h, demoAccounts.carlosPena.accountNumber);
    const refused = h.page.getByTestId('answer-row').first();
    expect(await refused.innerText()).toMatch(/Zeg: Geen vergoeding voor deze storing: Dit is een account van het type Prepaid\. De vergoeding van februari 2024 geldt voor /);
    await refused.getByRole('button', { name: 'Uitzondering aanvragen' }).waitFor();
    await h.docsScreenshot('account-not-eligible-nl');
    expect(await overflowing(h)).toEqual([]);

    // Euro amounts in Dutch notation.
    await openAccountDutch(h, demoAccounts.janDeVries.accountNumber);
    expect(await h.page.getByTestId('answer-row').first().innerText()).toMatch(/€\s3,10/);
    await h.docsScreenshot('account-dutch-customer-nl');

    // Signing out shows the desktop's language (English here); her own choice comes back with her.
    await h.page.getByRole('button', { name: 'Afmelden' }).click();
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInEnglish(h, 'alice', 'agent-demo-2024').catch(() => undefined);
    await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
    await openAccountDutch(h, demoAccounts.mariaMuller.accountNumber);
    expect(await h.page.getByTestId('answer-row').first().innerText()).toContain('Zeg (Engels): Yes: a $5.00 credit');
    await h.page.getByRole('button', { name: 'Zeg het in het Nederlands (Alt+L)' }).click();
    expect(await h.page.getByTestId('answer-row').first().innerText()).toContain('Zeg: Ja: u krijgt een vergoeding van US$');

    // Another operator on the same desktop keeps English.
    await h.page.getByRole('button', { name: 'Afmelden' }).click();
    await signInEnglish(h, 'bob', 'agent-demo-2024');
    expect(await h.page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    expect(operatorLocale(h, 'bob')).toBe('en-US');
  });
});
