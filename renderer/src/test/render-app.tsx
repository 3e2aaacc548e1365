import { render, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import userEvent from '@testing-library/user-event';
import { ok } from '@shared/ipc/result';
import { App } from '../app/app';
import { installFakeDesk, type FakeDeskOverrides } from './fake-desk';
import { sessionFixture } from './fixtures';

/** The whole app over a fake bridge, as the operator would start it. */
export function renderApp(overrides: FakeDeskOverrides = {}) {
  const desk = installFakeDesk(overrides);
  const user = userEvent.setup();
  render(<App />);
  return { desk, user };
}

/**
 * The app with an operator already signed in, waiting on the search screen. Supervisors and
 * admins land on their dashboard: from there the menu takes them to the search.
 */
export async function renderSignedIn(overrides: FakeDeskOverrides = {}) {
  const app = renderApp({ authSession: async () => ok(sessionFixture()), ...overrides });
  await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Find the caller' }) ?? screen.queryByRole('heading', { name: 'Today at a glance' })).not.toBeNull());
  if (screen.queryByRole('heading', { name: 'Today at a glance' })) await app.user.click(screen.getByRole('button', { name: 'Lookup' }));
  const searchBox = await screen.findByRole('combobox', { name: 'Find the caller' });
  return { ...app, searchBox };
}
