import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/ipc/result';
import { fail } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { renderApp, renderSignedIn } from '../../../test/render-app';

describe('choosing a new password after a temporary one', () => {
  it('shows only the password form until main accepts a new password, then opens the desk', async () => {
    const { desk, user } = renderApp({
      authSession: async () => ok(sessionFixture({ mustChangePassword: true })),
      operatorChangeOwnPassword: async () => ok(sessionFixture({ mustChangePassword: false })),
    });
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Find the caller' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change password' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Temporary password'), 'copper-kettle-meadow');
    await user.type(screen.getByLabelText('New password'), 'harbour-lantern-violet');
    await user.type(screen.getByLabelText('New password again'), 'harbour-lantern-violet');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(desk.operatorChangeOwnPassword).toHaveBeenCalledWith({ currentPassword: 'copper-kettle-meadow', newPassword: 'harbour-lantern-violet' });
    expect(await screen.findByRole('combobox', { name: 'Find the caller' })).toBeInTheDocument();
    // Nothing but the password channel ran while the change was pending.
    expect(desk.auditIntegrity).toHaveBeenCalledTimes(1);
  });

  it('shows main’s refusal of a common password on the new password field', async () => {
    const { user } = renderApp({
      authSession: async () => ok(sessionFixture({ mustChangePassword: true })),
      operatorChangeOwnPassword: () => fail('INVALID_INPUT', { details: { reason: 'too_common' } }),
    });
    await user.type(await screen.findByLabelText('Temporary password'), 'copper-kettle-meadow');
    await user.type(screen.getByLabelText('New password'), 'password1234');
    await user.type(screen.getByLabelText('New password again'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByText(/list of the most common passwords/)).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('checks length and the repeat before asking main', async () => {
    const { desk, user } = renderApp({ authSession: async () => ok(sessionFixture({ mustChangePassword: true })) });
    await user.type(await screen.findByLabelText('Temporary password'), 'copper-kettle-meadow');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/Use at least 12 characters/);
    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'harbour-lantern-violet');
    await user.type(screen.getByLabelText('New password again'), 'harbour-lantern-violot');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two new passwords are not the same.');
    expect(desk.operatorChangeOwnPassword).not.toHaveBeenCalled();
  });
});

describe('changing one’s own password from the header', () => {
  it('opens from the header, says a wrong current password, and closes when saved', async () => {
    const { desk, user } = await renderSignedIn({ operatorChangeOwnPassword: () => fail('BAD_CREDENTIALS') });
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('region', { name: 'Change your password' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Current password'), 'not-it');
    await user.type(screen.getByLabelText('New password'), 'harbour-lantern-violet');
    await user.type(screen.getByLabelText('New password again'), 'harbour-lantern-violet');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByText('The current password is not right.')).toBeInTheDocument();
    desk.operatorChangeOwnPassword.mockImplementation(async () => ok(sessionFixture()));
    await user.type(screen.getByLabelText('Current password'), 'agent-demo-2024');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(screen.queryByRole('region', { name: 'Change your password' })).not.toBeInTheDocument();
    expect(screen.getByText('Your password is changed.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change password' })).toHaveFocus();
  });

  it('closes with Escape without sending anything', async () => {
    const { desk, user } = await renderSignedIn();
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Change your password' })).not.toBeInTheDocument();
    expect(desk.operatorChangeOwnPassword).not.toHaveBeenCalled();
  });
});
