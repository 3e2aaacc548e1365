import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/operator';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { a11yViolations, openAccount, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const operators: Record<Role, { username: string; password: string }> = {
  agent: { username: 'alice', password: 'agent-demo-2024' },
  supervisor: { username: 'sam', password: 'supervisor-demo-2024' },
  admin: { username: 'ada', password: 'admin-demo-2024' },
};

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

describe.each(schemes)('every screen in the %s theme (the operating system decides)', (scheme) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('follows prefers-color-scheme and has no accessibility finding of any impact on any screen, each one photographed', async () => {
    h = await startHarness({ colorScheme: scheme });
    await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
    const colours = await pageColours(h);
    expect(colours.scheme).toBe(scheme);
    // Dark: light text on a dark page; light: the reverse.
    if (scheme === 'dark') expect(luminance(colours.background)).toBeLessThan(luminance(colours.text));
    else expect(luminance(colours.background)).toBeGreaterThan(luminance(colours.text));
    expect(await a11yViolations(h), 'sign-in').toEqual([]);
    await h.docsScreenshot(`theme-${scheme}-sign-in`);

    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await signIn(h, operators[role].username, operators[role].password);
      if (role !== 'admin') {
        // Supervisors land on Home; the caller search is one click away for them.
        await h.page.getByRole('button', { name: 'Find the caller' }).first().click();
        await h.page.getByRole('combobox', { name: 'Find the caller' }).fill('muller');
        await h.page.getByRole('option', { name: /Maria Müller/ }).first().waitFor();
        expect(await a11yViolations(h), `${role}: search results`).toEqual([]);
        if (role === 'agent') await h.docsScreenshot(`theme-${scheme}-search`);
        await openAccount(h, demoAccounts.mariaMuller.accountNumber);
        expect(await a11yViolations(h), `${role}: account`).toEqual([]);
        if (role === 'agent') await h.docsScreenshot(`theme-${scheme}-account`);
      }
      // Every work list the role's menu offers (the menu follows the channels' access rules).
      const workspaces = h.page.locator('.app-nav__workspaces button');
      const labels = (await workspaces.allInnerTexts()).map((label) => label.trim());
      if (role !== 'agent') expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) {
        const workspace = label.toLowerCase().replace(/[^a-z]+/g, '-');
        await h.page.locator('.app-nav__workspaces').getByRole('button', { name: label, exact: true }).click();
        await h.page.getByRole('heading', { level: 1 }).waitFor();
        // Let the screen's first load settle, so its loaded state is what is checked.
        await h.page.waitForLoadState('networkidle');
        await h.page.waitForTimeout(300);
        expect(await a11yViolations(h), `${role}: ${workspace}`).toEqual([]);
        await h.docsScreenshot(`theme-${scheme}-${role}-${workspace}`);
      }
      await signOut(h);
    }
  });
});
