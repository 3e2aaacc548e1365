/** What an operator does in the end-to-end tests, written once. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Harness } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (an accessibility checker we did not write) and returns every finding, of any impact. */
export async function a11yViolations(h: Harness): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses injected script tags.
  if (!(await h.page.evaluate(() => 'axe' in globalThis))) await h.page.evaluate(axeSource);
  const violations = await h.page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: JSON.stringify(v.nodes[0]?.target ?? '') }));
  });
  return violations.map((v) => `${v.id} [${v.impact}] (${v.nodes}, first ${v.first})`);
}

/** The serious and critical findings of axe-core only. */
export async function seriousA11yViolations(h: Harness): Promise<string[]> {
  return (await a11yViolations(h)).filter((finding) => /\[(serious|critical)\]/.test(finding));
}

/** Fills the sign-in form and submits it, without assuming it succeeds. */
export async function attemptSignIn(h: Harness, username: string, password: string): Promise<void> {
  await h.page.getByLabel('Username').fill(username);
  await h.page.getByLabel('Password').fill(password);
  await h.page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(h: Harness, username: string, password: string): Promise<void> {
  await attemptSignIn(h, username, password);
  await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(h: Harness): Promise<void> {
  await h.page.getByRole('button', { name: 'Sign out' }).click();
  await h.page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** Goes to the search, types the account number, and opens the one result with the keyboard. */
export async function openAccount(h: Harness, accountNumber: string): Promise<void> {
  await h.page.getByRole('button', { name: 'Find the caller' }).first().click();
  await h.page.getByRole('combobox', { name: 'Find the caller' }).fill(accountNumber);
  // Wait for the answer to this query, not the previous one still on screen.
  await expect.poll(() => h.page.getByRole('option').allInnerTexts(), { timeout: 5000 }).toEqual([
    expect.stringContaining(accountNumber),
  ]);
  await h.page.keyboard.press('ArrowDown');
  await h.page.keyboard.press('Enter');
  await h.page.getByRole('heading', { name: 'Outage decisions' }).waitFor();
  await h.page.getByRole('heading', { name: 'Manual overrides' }).waitFor();
}

/** Ada enrols the desktop on its Hub screen with a one-time code, and waits for the screen to say so. */
export async function enrolOnHubScreen(h: Harness, code: string, name: string): Promise<void> {
  await signIn(h, 'ada', 'admin-demo-2024');
  await h.page.getByRole('button', { name: 'Hub', exact: true }).click();
  await h.page.getByLabel('Enrolment code').fill(code);
  await h.page.getByLabel('Desktop name').fill(name);
  await h.page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await h.page.getByText(`Enrolled: the hub knows this desktop as ${name}.`).waitFor();
}
