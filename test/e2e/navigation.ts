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

/** Opens a work list; at narrow widths through the compact menu, as an operator would. */
export async function goToWorkspace(h: Harness, label: string): Promise<void> {
  const toggle = h.page.locator('.app-nav__menu-toggle');
  if ((await toggle.count()) > 0 && (await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await h.page
    .locator('.app-nav__workspaces')
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) })
    .click();
}

/** A screen's name for a file: "Limieten & uitzonderingen" becomes "limieten-uitzonderingen". */
export function slug(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
}
