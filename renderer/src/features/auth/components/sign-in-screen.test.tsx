import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@shared/ipc/auth-channels';
import { ok, type Result } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { deferred, fail } from '../../../test/fake-desk';
import { hitFixture, sessionFixture } from '../../../test/fixtures';
import { renderApp, renderSignedIn } from '../../../test/render-app';

describe('sign-in screen', () => {
  it('signs in with Enter lands an agent on the caller search and shows the operator name and role in the header', async () => {
    const { desk, user } = renderApp({
      authSignIn: async () => ok(sessionFixture({ displayName: 'Ana Diaz', role: 'agent' })),
    });
    const username = await screen.findByLabelText('Username');
    expect(username).toHaveFocus();
    await user.type(username, 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'correct horse{Enter}');

    expect(await screen.findByRole('combobox', { name: 'Find the caller' })).toHaveFocus();
    expect(desk.authSignIn).toHaveBeenCalledWith({ username: 'adiaz', password: 'correct horse' });
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Signed in as Ana Diaz, Agent')).toBeInTheDocument();
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('says the password is wrong, clears it and puts focus back on it', async () => {
    const { user } = renderApp({ authSignIn: () => fail('BAD_CREDENTIALS') });
    await user.type(await screen.findByLabelText('Username'), 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The username or password is not right. Check them and try again.',
    );
    const password = screen.getByLabelText('Password');
    expect(password).toHaveValue('');
    expect(password).toHaveFocus();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('names the time a lockout ends, in this desktop time zone', async () => {
    useSessionStore.setState({ deviceLocale: 'en-US', deviceTimeZone: 'America/Chicago' });
    const { user } = renderApp({
      authSignIn: () => fail('OPERATOR_LOCKED', { details: { lockedUntil: '2024-02-22T15:45:00.000Z' } }),
    });
    await user.type(await screen.findByLabelText('Username'), 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'guess{Enter}');

    // 15:45 UTC is 9:45 in Chicago in February (CST, UTC-6).
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /locked after too many failed attempts\. Try again after Feb 22, 2024, 9:45\sAM\./,
    );
  });

  it('falls back to the plain lockout message when main gives no end time', async () => {
    const { user } = renderApp({ authSignIn: () => fail('OPERATOR_LOCKED') });
    await user.type(await screen.findByLabelText('Username'), 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'guess{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This operator is locked after too many failed attempts. Try again later.',
    );
  });

  it('disables the button while signing in, so a double submit sends one request', async () => {
    const reply = deferred<Result<SessionInfo>>();
    const { desk, user } = renderApp({ authSignIn: () => reply.promise });
    await user.type(await screen.findByLabelText('Username'), 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}');

    const button = screen.getByRole('button', { name: 'Signing in…' });
    expect(button).toBeDisabled();
    await user.type(screen.getByLabelText('Password'), '{Enter}');
    expect(desk.authSignIn).toHaveBeenCalledTimes(1);

    reply.resolve(ok(sessionFixture()));
    expect(await screen.findByRole('combobox', { name: 'Find the caller' })).toBeInTheDocument();
  });

  it('asks for missing fields without calling main', async () => {
    const { desk, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Enter your username.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(screen.getByLabelText('Username')).toHaveFocus();
    expect(desk.authSignIn).not.toHaveBeenCalled();
  });

  it('returns to sign-in with the lock message when a call finds the session locked', async () => {
    const { user, searchBox } = await renderSignedIn({ searchAccounts: () => fail('SESSION_LOCKED') });
    await user.type(searchBox, 'ellis');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your session locked after 15 minutes without activity. Sign in again.',
    );
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    // The same operator only has to type the password again.
    expect(screen.getByLabelText('Username')).toHaveValue('adiaz');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(useSessionStore.getState().status).toBe('locked');
  });

  it('forgets the last caller when the operator signs out', async () => {
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: async () => ok({ modes: ['name'], results: [hitFixture()], truncated: false }),
    });
    await user.type(searchBox, 'ellis');
    expect(await screen.findByRole('option', { name: /Jordan Ellis/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(desk.authSignOut).toHaveBeenCalledTimes(1);
    await user.type(await screen.findByLabelText('Username'), 'bkim');
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}');
    const freshBox = await screen.findByRole('combobox', { name: 'Find the caller' });
    expect(freshBox).toHaveValue('');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
  });
});
