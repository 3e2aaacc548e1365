import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/operator';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';
import { layoutFindings, overflowing } from './layout-checks';
import { goToWorkspace, goToWorkspaceKey, screenName, slug, workspaceKeys, workspaceLabels } from './navigation';

const operators: Record<Role, { username: string; password: string }> = {
  agent: { username: 'alice', password: 'agent-demo-2024' },
  supervisor: { username: 'sam', password: 'supervisor-demo-2024' },
  admin: { username: 'ada', password: 'admin-demo-2024' },
};

type Scheme = 'light' | 'dark';

/**
 * Checks the screen as it is in both themes (the operating system's setting, switched in
 * place, as a user who changes it would) and photographs each: the layout rules, nothing cut
 * off, axe clean. `shot` names the photograph of each theme; the page is left in `home`.
 */
async function checkBothThemes(
  h: Harness,
  findings: Record<string, string[]>,
  screen: string,
  home: Scheme,
  shot: (scheme: Scheme) => string,
): Promise<void> {
  for (const scheme of home === 'light' ? (['light', 'dark'] as const) : (['dark', 'light'] as const)) {
    await h.page.emulateMedia({ colorScheme: scheme });
    const problems = [...(await layoutFindings(h)), ...(await overflowing(h)), ...(await a11yViolations(h))];
    if (problems.length > 0) findings[`${screen} (${scheme})`] = problems;
    await h.docsScreenshot(shot(scheme));
  }
  await h.page.emulateMedia({ colorScheme: home });
}

async function settle(h: Harness): Promise<void> {
  await h.page.getByRole('heading', { level: 1 }).first().waitFor();
  await h.page.waitForLoadState('networkidle');
  await h.page.waitForTimeout(300);
  await h.page.evaluate('window.scrollTo(0, 0)');
}

describe('a 1366x768 window at 200% zoom (683x384 CSS pixels, two device pixels each), in both languages and both themes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('every screen of every role, in English, light and dark: no sideways scroll, the nav on one row, no word broken mid-word, one page heading, nothing cut off, axe clean; each photographed', async () => {
    h = await startHarness({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2, colorScheme: 'light' });
    expect(await h.page.evaluate('[window.innerWidth, window.devicePixelRatio]')).toEqual([683, 2]);
    const findings: Record<string, string[]> = {};
    const checked: string[] = [];
    const check = async (screen: string) => {
      await checkBothThemes(h!, findings, screen, 'light', (scheme) => (scheme === 'light' ? `zoom-200-${screen}` : `zoom-200-en-dark-${screen}`));
      checked.push(screen);
    };

    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await check('sign-in');
    const visited: string[] = [];
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await signIn(h, operators[role].username, operators[role].password);
      const labels = await workspaceLabels(h);
      expect(labels.length, role).toBeGreaterThan(1);
      for (const label of labels) {
        await goToWorkspace(h, label);
        await settle(h);
        await check(`${role}-${slug(label)}`);
        visited.push(`${role}-${slug(label)}`);
        if (label === 'Lookup') {
          // The caller search with results, then the account (the email and ids live there).
          await h.page.getByRole('combobox', { name: 'Find the caller' }).fill('muller');
          await h.page.getByRole('option', { name: /Maria Müller/ }).first().waitFor();
          // The list keeps room for a few results at this height (the page scrolls to it).
          expect((await h.page.getByRole('listbox').boundingBox())!.height, role).toBeGreaterThan(200);
          await h.page.evaluate(`document.querySelector('.results').scrollIntoView({ block: 'start' })`);
          await check(`${role}-search-results`);
          await h.page.getByRole('combobox', { name: 'Find the caller' }).fill(demoAccounts.mariaMuller.accountNumber);
          await expect.poll(() => h!.page.getByRole('option').allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining(demoAccounts.mariaMuller.accountNumber)]);
          await h.page.keyboard.press('ArrowDown');
          await h.page.keyboard.press('Enter');
          await h.page.getByRole('heading', { name: 'Outage decisions' }).waitFor();
          await settle(h);
          await check(`${role}-account`);
        }
      }
      if (role === 'admin') {
        // The folded nav from the keyboard: open, walk to an entry, Escape closes it and focus returns.
        const toggle = h.page.getByRole('button', { name: /^Screens:/ });
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        await toggle.focus();
        await h.page.keyboard.press('Enter');
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        const menu = h.page.locator('#app-nav-workspaces');
        expect(await menu.isVisible()).toBe(true);
        expect(await menu.getByRole('button').count()).toBe(labels.length);
        await check('admin-menu-open');
        await h.page.keyboard.press('Tab');
        expect(await h.page.evaluate('document.activeElement.textContent')).toBe(labels[0]);
        await h.page.keyboard.press('Escape');
        expect(await menu.isVisible()).toBe(false);
        expect(await h.page.evaluate(`document.activeElement.classList.contains('app-nav__menu-toggle')`)).toBe(true);
        // Choosing an entry opens its screen and folds the menu again.
        await h.page.keyboard.press('Enter');
        await menu.getByRole('button', { name: 'Hub', exact: true }).click();
        await h.page.getByRole('heading', { level: 1, name: 'Hub' }).waitFor();
        expect(await menu.isVisible()).toBe(false);
        expect(await toggle.innerText()).toContain('Hub');
      }
      await signOut(h);
    }
    // Each role reached its own screens (the menu follows the access rules).
    expect(visited).toEqual(expect.arrayContaining(['agent-lookup', 'supervisor-approval-queue', 'admin-operators', 'admin-hub']));
    // Every screen was checked in both themes (the search results and the account among them).
    expect(checked).toEqual(expect.arrayContaining(['sign-in', 'agent-search-results', 'agent-account', 'admin-menu-open']));
    expect(findings).toEqual({});
  }, 300_000);

  it('the same in Dutch (longer words), dark and light: every screen fits, nothing cut off, axe clean; each photographed', async () => {
    h = await startHarness({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2, locale: 'nl-NL', colorScheme: 'dark' });
    const findings: Record<string, string[]> = {};
    const checked: string[] = [];
    const check = async (screen: string) => {
      await checkBothThemes(h!, findings, screen, 'dark', (scheme) => `zoom-200-nl-${scheme}-${screen}`);
      checked.push(screen);
    };
    await h.page.getByRole('button', { name: 'Aanmelden' }).waitFor();
    await check('sign-in');
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await h.page.getByLabel('Gebruikersnaam').fill(operators[role].username);
      await h.page.getByLabel('Wachtwoord').fill(operators[role].password);
      await h.page.getByRole('button', { name: 'Aanmelden' }).click();
      await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
      await h.page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
      await h.page.getByRole('button', { name: 'Afmelden' }).waitFor();
      for (const workspace of await workspaceKeys(h)) {
        await goToWorkspaceKey(h, workspace);
        await settle(h);
        await check(`${role}-${screenName(workspace)}`);
        if (workspace === 'lookup') {
          await h.page.getByRole('combobox', { name: 'Beller zoeken' }).fill(demoAccounts.mariaMuller.accountNumber);
          await expect.poll(() => h!.page.getByRole('option').allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining(demoAccounts.mariaMuller.accountNumber)]);
          await h.page.keyboard.press('ArrowDown');
          await h.page.keyboard.press('Enter');
          await h.page.getByRole('heading', { name: 'Beslissingen over storingen' }).waitFor();
          await settle(h);
          await check(`${role}-account`);
        }
      }
      await h.page.getByRole('button', { name: 'Afmelden' }).click();
      await h.page.getByRole('button', { name: 'Aanmelden' }).waitFor();
    }
    expect(checked).toEqual(expect.arrayContaining(['sign-in', 'agent-lookup', 'agent-account', 'admin-hub']));
    expect(findings).toEqual({});
  }, 300_000);
});
