import { render, screen } from '@testing-library/react';
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

/** The app with an operator already signed in, waiting on the search screen. */
export async function renderSignedIn(overrides: FakeDeskOverrides = {}) {
  const app = renderApp({ authSession: async () => ok(sessionFixture()), ...overrides });
  const searchBox = await screen.findByRole('combobox', { name: 'Find the caller' });
  return { ...app, searchBox };
}
