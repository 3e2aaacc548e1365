import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '@shared/ipc/result';
import { sessionFixture } from '../test/fixtures';
import { renderApp } from '../test/render-app';

/**
 * jsdom lays nothing out, so the nav's widths are given here: the full nav needs 900 px, without
 * the shortcut hint 700 px, folded into its menu 300 px; the window gives it `available`.
 */
let available = 400;
const observers: Array<() => void> = [];

function navWidth(nav: HTMLElement): number {
  if (nav.querySelector('.app-nav__menu-toggle')) return 300;
  return nav.querySelector('.app-nav__hint') ? 900 : 700;
}

beforeEach(() => {
  available = 400;
  observers.length = 0;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      private readonly notify: () => void;
      constructor(callback: () => void) {
        this.notify = () => callback();
      }
      observe() {
        if (!observers.includes(this.notify)) observers.push(this.notify);
      }
      disconnect() {
        observers.splice(observers.indexOf(this.notify) >>> 0, 1);
      }
    },
  );
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('app-nav') ? Math.max(navWidth(this), available) : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('app-nav') ? available : 0;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The window is resized: every observer hears of it. */
async function resizeTo(width: number) {
  available = width;
  await act(async () => {
    for (const notify of [...observers]) notify();
  });
}

describe('the nav in a window too narrow for its row', () => {
  it('drops the hint, then folds the work lists into a menu the keyboard opens and Escape closes; unfolds when there is room again', async () => {
    const { user } = renderApp({ authSession: async () => ok(sessionFixture({ role: 'admin' })) });
    // Admins land on their dashboard.
    await screen.findByRole('heading', { level: 1, name: 'Today at a glance' });
    const nav = screen.getByRole('navigation', { name: 'Where you are' });
    const toggle = within(nav).getByRole('button', { name: /^Screens:/ });
    expect(nav.querySelector('.app-nav__hint')).toBeNull();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveTextContent('Screens: Home');
    const menu = document.getElementById('app-nav-workspaces')!;
    expect(menu).not.toBeVisible();

    // Enter opens it; Tab reaches the first entry; Escape closes it and gives focus back.
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(menu).toBeVisible();
    await user.tab();
    expect(document.activeElement).toHaveTextContent('Lookup');
    await user.keyboard('{Escape}');
    expect(menu).not.toBeVisible();
    expect(toggle).toHaveFocus();

    // Arrows: Down opens the menu on its first entry, Up and Down move (and wrap), End and Home
    // go to the ends; Escape still closes it from any entry.
    await user.keyboard('{ArrowDown}');
    expect(menu).toBeVisible();
    expect(document.activeElement).toHaveTextContent('Lookup');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(menu).getAllByRole('button')[1]);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    const entries = within(menu).getAllByRole('button');
    expect(document.activeElement).toBe(entries[entries.length - 1]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveTextContent('Lookup');
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(entries[entries.length - 1]);
    await user.keyboard('{Escape}');
    expect(menu).not.toBeVisible();
    expect(toggle).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(entries[entries.length - 1]);
    await user.keyboard('{Escape}');

    // Choosing an entry opens its screen, folds the menu and names the screen on the button.
    await user.click(toggle);
    await user.click(within(menu).getByRole('button', { name: 'Hub' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hub' })).toBeInTheDocument();
    expect(menu).not.toBeVisible();
    expect(toggle).toHaveTextContent('Screens: Hub');

    // Room for the row without the hint (700 px), then for everything (900 px).
    await resizeTo(750);
    expect(within(nav).queryByRole('button', { name: /^Screens:/ })).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Hub' })).toHaveAttribute('aria-current', 'page');
    expect(nav.querySelector('.app-nav__hint')).toBeNull();
    await resizeTo(950);
    expect(nav.querySelector('.app-nav__hint')).toHaveTextContent('Press / or Ctrl+K to search from anywhere');
    expect(within(nav).queryByRole('button', { name: /^Screens:/ })).toBeNull();
  });
});
