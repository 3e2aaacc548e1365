/** Moving between the work lists through the nav, wide or in its compact menu. */
import type { Harness } from './harness';

/** The nav's work-list entries, without the pending-count badge ("Approval queue", not "Approval queue 3 pending"). */
export async function workspaceLabels(h: Harness): Promise<string[]> {
  return (await h.page.evaluate(
    `[...document.querySelectorAll('.app-nav__workspaces button')].map((b) => (b.childNodes[0]?.textContent ?? '').trim())`,
  )) as string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function openMenuIfFolded(h: Harness): Promise<void> {
  const toggle = h.page.locator('.app-nav__menu-toggle');
  if ((await toggle.count()) > 0 && (await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Opens a work list by its label; when the nav is folded, through its menu, as an operator would. */
export async function goToWorkspace(h: Harness, label: string): Promise<void> {
  await openMenuIfFolded(h);
  await h.page
    .locator('.app-nav__workspaces')
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) })
    .click();
}

/** Opens a work list by its key (data-workspace), in any language. */
export async function goToWorkspaceKey(h: Harness, workspace: string): Promise<void> {
  await openMenuIfFolded(h);
  await h.page.locator(`.app-nav__workspaces [data-workspace="${workspace}"]`).click();
}

/** Whether the nav has folded its work lists into the menu. */
export async function navFolded(h: Harness): Promise<boolean> {
  return (await h.page.locator('.app-nav__menu-toggle').count()) > 0;
}

/** A screen's name for a file: "Limieten & uitzonderingen" becomes "limieten-uitzonderingen". */
export function slug(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A work list's file name from its nav key ("myOverrides" becomes "my-overrides"; the dashboard is Home). */
export function screenName(workspace: string): string {
  return workspace === 'dashboard' ? 'home' : workspace.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The nav's work lists by key, in menu order. */
export async function workspaceKeys(h: Harness): Promise<string[]> {
  return (await h.page.evaluate(`[...document.querySelectorAll('.app-nav__workspaces [data-workspace]')].map((b) => b.dataset.workspace)`)) as string[];
}
