import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { a11yViolations, attemptSignIn, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

const TEMPORARY = 'copper-kettle-meadow';

describe('an admin manages operators (real renderer, real handlers, real SQLite)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await h.page.setViewportSize({ width: 1366, height: 768 });
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('ada creates an agent, who signs in and must choose a new password before anything else', async () => {
    const { page } = h;
    await signIn(h, 'ada', 'admin-demo-2024');
    await page.getByRole('button', { name: 'Operators' }).click();
    await page.getByRole('table', { name: 'Operators' }).getByRole('row', { name: /Alice Agent/ }).waitFor();
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('operators-list');

    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Full name').fill('Carol Chen');
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    // A common password first: main refuses it and the field says why.
    await page.getByLabel('Temporary password').fill('password1234');
    await page.getByRole('button', { name: 'Create operator' }).click();
    await page.getByText('This password is on the list of the most common passwords').waitFor();
    await page.getByLabel('Temporary password').fill(TEMPORARY);
    await page.getByRole('button', { name: 'Create operator' }).click();
    await page.getByText('Carol Chen can now sign in as carol with the temporary password.').waitFor();
    const carolRow = page.getByRole('row', { name: /Carol Chen/ });
    await expect.poll(() => carolRow.innerText()).toContain('Must choose a new password');

    // Her own daily limit in dollars, over the site's.
    await page.getByRole('button', { name: 'Manage Carol Chen' }).click();
    await page.getByLabel('Limit in USD').fill('75');
    await page.getByRole('button', { name: 'Save limit in USD' }).click();
    await page.getByText('Daily limit in USD saved.').waitFor();
    await expect.poll(() => carolRow.innerText()).toContain('$75.00');
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('operators-manage');

    // The last admin cannot be deactivated: Ada's own panel offers nothing of the kind.
    await page.getByRole('button', { name: 'Manage Ada Admin' }).click();
    await page.getByText('You cannot deactivate yourself.').waitFor();
    await signOut(h);

    await signIn(h, 'carol', TEMPORARY);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Find the caller' }).count()).toBe(0);
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('operators-choose-password');
    await page.getByLabel('Temporary password').fill(TEMPORARY);
    await page.getByLabel('New password', { exact: true }).fill('harbour-lantern-violet');
    await page.getByLabel('New password again').fill('harbour-lantern-violet');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('combobox', { name: 'Find the caller' }).waitFor();

    // Her own password, later, from the header.
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('region', { name: 'Change your password' }).waitFor();
    expect(await a11yViolations(h)).toEqual([]);
    await h.docsScreenshot('operators-own-password');
    await page.keyboard.press('Escape');
    await signOut(h);

    // The temporary password no longer works; hers does.
    await attemptSignIn(h, 'carol', TEMPORARY);
    await page.getByText('The username or password is not right.').waitFor();
    await signIn(h, 'carol', 'harbour-lantern-violet');
    await page.getByRole('combobox', { name: 'Find the caller' }).waitFor();
  });

  it('deactivating an operator ends their session on their next call', async () => {
    const { page } = h;
    await signIn(h, 'bob', 'agent-demo-2024');
    await page.getByRole('combobox', { name: 'Find the caller' }).waitFor();
    // Ada deactivates Bob from another desk of the same site (the same database, through main's use case).
    const { setOperatorActive } = await import('../../electron/main/operators/operator-admin');
    const { findOperatorByUsername } = await import('../../electron/main/auth/operator-repo');
    const db = h.backend.db;
    const ada = findOperatorByUsername(db, 'ada')!;
    expect(setOperatorActive(db, { operatorId: ada.id, username: 'ada', role: 'admin' }, new Date('2024-03-04T15:01:00.000Z'), findOperatorByUsername(db, 'bob')!.id, false).ok).toBe(true);
    await page.getByRole('combobox', { name: 'Find the caller' }).fill('muller');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await attemptSignIn(h, 'bob', 'agent-demo-2024');
    await page.getByText('The username or password is not right.').waitFor();
  });
});
