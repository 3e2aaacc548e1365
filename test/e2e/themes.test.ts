/**
 * The screen matrix: every screen of every role, in English and in Dutch, each in the light and
 * the dark theme (the operating system decides; switched in place, one sign-in per role and
 * language). Each screen is checked (axe in both themes, the layout rules, nothing cut off, no
 * English left on a Dutch screen) and photographed as
 * docs/screenshots/screens/ROLE-SCREEN-LANG-THEME.png (sign-in-LANG-THEME.png before sign-in).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/operator';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';
import { layoutFindings, overflowing } from './layout-checks';
import { goToWorkspaceKey, navFolded, screenName, workspaceKeys } from './navigation';

const operators: Record<Role, { username: string; password: string }> = {
  agent: { username: 'alice', password: 'agent-demo-2024' },
  supervisor: { username: 'sam', password: 'supervisor-demo-2024' },
  admin: { username: 'ada', password: 'admin-demo-2024' },
};

/** What the tests type and click, in each language; the desktop's language is the first screen's. */
const languages = {
  en: { locale: 'en-US', username: 'Username', password: 'Password', signIn: 'Sign in', signOut: 'Sign out', find: 'Find the caller', decisions: 'Outage decisions' },
  nl: { locale: 'nl-NL', username: 'Gebruikersnaam', password: 'Wachtwoord', signIn: 'Aanmelden', signOut: 'Afmelden', find: 'Beller zoeken', decisions: 'Beslissingen over storingen' },
} as const;
type Language = keyof typeof languages;

/** English texts that must not be left on a Dutch screen. */
const englishLeftovers = ['Sign out', 'Find the caller', 'Outage decisions', 'Say:', 'Not eligible', 'Request an override', 'Account details', 'Loading', 'Refresh', 'Apply filters', 'Save limits'];

const schemes = ['light', 'dark'] as const;

/** The page's own background and text colour, as the browser computed them. */
async function pageColours(h: Harness): Promise<{ background: string; text: string; scheme: string }> {
  return (await h.page.evaluate(
    `(() => { const s = getComputedStyle(document.documentElement); return { background: getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? s.backgroundColor : getComputedStyle(document.body).backgroundColor, text: s.color, scheme: s.colorScheme }; })()`,
  )) as { background: string; text: string; scheme: string };
}

/** Relative luminance of an rgb() colour (WCAG 2). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function settle(h: Harness): Promise<void> {
  await h.page.getByRole('heading', { level: 1 }).first().waitFor();
  // Let the screen's first load settle, so its loaded state is what is checked.
  await h.page.waitForLoadState('networkidle');
  await h.page.waitForTimeout(300);
}

describe.each(Object.keys(languages) as Language[])('every screen in %s, in the light and the dark theme', (language) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('follows prefers-color-scheme; no accessibility finding in either theme, the layout rules hold, nothing cut off; each screen photographed in both themes', async () => {
    const words = languages[language];
    h = await startHarness({ locale: words.locale, viewport: { width: 1366, height: 768 } });
    const findings: Record<string, string[]> = {};
    const photographed: string[] = [];
    const folded: Partial<Record<Role, boolean>> = {};

    /** Checks the screen as it is, then photographs it in both themes. */
    const screen = async (name: string) => {
      const problems = [...(await layoutFindings(h!)), ...(await overflowing(h!))];
      if (language === 'nl') {
        const text = (await h!.page.evaluate('document.body.innerText')) as string;
        for (const english of englishLeftovers) if (text.includes(english)) problems.push(`English left: ${english}`);
      }
      for (const scheme of schemes) {
        await h!.page.emulateMedia({ colorScheme: scheme });
        const colours = await pageColours(h!);
        if (colours.scheme !== scheme) problems.push(`${scheme}: color-scheme is ${colours.scheme}`);
        // Dark: light text on a dark page; light: the reverse.
        const darkPage = luminance(colours.background) < luminance(colours.text);
        if (darkPage !== (scheme === 'dark')) problems.push(`${scheme}: page ${colours.background} under text ${colours.text}`);
        problems.push(...(await a11yViolations(h!)).map((finding) => `${scheme}: ${finding}`));
        await h!.docsScreenshot(`screens/${name}-${language}-${scheme}`);
      }
      await h!.page.emulateMedia({ colorScheme: 'light' });
      if (problems.length > 0) findings[name] = problems;
      photographed.push(name);
    };

    await h.page.getByRole('button', { name: words.signIn }).waitFor();
    expect(await h.page.evaluate('document.documentElement.lang')).toBe(words.locale);
    await screen('sign-in');

    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await h.page.getByLabel(words.username).fill(operators[role].username);
      await h.page.getByLabel(words.password).fill(operators[role].password);
      await h.page.getByRole('button', { name: words.signIn }).click();
      // The operators' own language is English: for Dutch, each chooses it once.
      await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
      if (language === 'nl') await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
      await h.page.getByRole('button', { name: words.signOut }).waitFor();

      // Every screen the role's menu offers (the menu follows the channels' access rules).
      const workspaces = await workspaceKeys(h);
      expect(workspaces.length, role).toBeGreaterThan(1);
      folded[role] = await navFolded(h);
      for (const workspace of workspaces) {
        await goToWorkspaceKey(h, workspace);
        await settle(h);
        if (workspace !== 'lookup') {
          await screen(`${role}-${screenName(workspace)}`);
          continue;
        }
        const search = h.page.getByRole('combobox', { name: words.find });
        await search.fill('');
        await screen(`${role}-search`);
        await search.fill('muller');
        await h.page.getByRole('option', { name: /Maria Müller/ }).first().waitFor();
        await settle(h);
        await screen(`${role}-search-results`);
        await search.fill(demoAccounts.mariaMuller.accountNumber);
        await expect.poll(() => h!.page.getByRole('option').allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining(demoAccounts.mariaMuller.accountNumber)]);
        await h.page.keyboard.press('ArrowDown');
        await h.page.keyboard.press('Enter');
        await h.page.getByRole('heading', { name: words.decisions }).waitFor();
        await settle(h);
        await h.page.evaluate('window.scrollTo(0, 0)');
        await screen(`${role}-account`);
      }
      await h.page.getByRole('button', { name: words.signOut }).click();
      await h.page.getByRole('button', { name: words.signIn }).waitFor();
    }

    // Each role reached its own screens.
    expect(photographed).toEqual(
      expect.arrayContaining(['agent-account', 'agent-my-overrides', 'supervisor-home', 'supervisor-approvals', 'supervisor-fault-reports', 'admin-operators', 'admin-hub', 'admin-policy-run']),
    );
    expect(findings).toEqual({});
    // At 1366 px every role's menu fits on one row, in both languages.
    expect(folded).toEqual({ agent: false, supervisor: false, admin: false });
  }, 300_000);
});
