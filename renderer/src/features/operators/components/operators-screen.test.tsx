import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { sameInEveryCurrency } from '@shared/domain/override';
import type { OperatorView } from '@shared/ipc/operator-channels';
import { ok } from '@shared/ipc/result';
import { deferred, fail, installFakeDesk, type FakeDeskOverrides } from '../../../test/fake-desk';
import { sessionFixture } from '../../../test/fixtures';
import { useSessionStore } from '../../../stores/session-store';
import { useOperatorsStore } from '../stores/operators-store';
import { OperatorsScreen } from './operators-screen';

function operator(overrides: Partial<OperatorView> = {}): OperatorView {
  return {
    operatorId: 1,
    username: 'alice',
    displayName: 'Alice Agent',
    role: 'agent',
    active: true,
    mustChangePassword: false,
    dailyLimits: {},
    createdAt: '2024-02-22T08:45:00.000Z',
    ...overrides,
  };
}

const ADA = operator({ operatorId: 4, username: 'ada', displayName: 'Ada Admin', role: 'admin' });
const ALICE = operator();

function setup(overrides: FakeDeskOverrides = {}, siteWide = false) {
  useSessionStore.getState().signedIn(sessionFixture({ operatorId: 4, username: 'ada', displayName: 'Ada Admin', role: 'admin' }));
  const desk = installFakeDesk({
    operatorsList: async () => ok({ operators: [ADA, ALICE], siteDailyTotalMinor: sameInEveryCurrency(20_000) }),
    ...overrides,
  });
  render(<OperatorsScreen siteWide={siteWide} />);
  return { desk, user: userEvent.setup() };
}

afterEach(() => useOperatorsStore.getState().reset());

describe('OperatorsScreen', () => {
  it('says whose operators these are: this desk alone, or every desktop of the site when it works with a hub', async () => {
    setup();
    expect(await screen.findByText(/Who can sign in to this desk/)).toBeInTheDocument();
    cleanup();
    setup({}, true);
    expect(await screen.findByText(/Who can sign in on every desktop of this site/)).toBeInTheDocument();
    expect(screen.queryByText(/to this desk/)).not.toBeInTheDocument();
  });

  it('says it is loading until main answers', async () => {
    const reply = deferred<Awaited<ReturnType<NonNullable<FakeDeskOverrides['operatorsList']>>>>();
    setup({ operatorsList: () => reply.promise });
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Loading the operators…');
    reply.resolve(ok({ operators: [ADA], siteDailyTotalMinor: sameInEveryCurrency(20_000) }));
    expect(await screen.findByRole('rowheader', { name: /Ada Admin/ })).toBeInTheDocument();
  });

  it('lists operators with role, own or site limit per currency, and status', async () => {
    setup({
      operatorsList: async () =>
        ok({
          operators: [ADA, ALICE, operator({ operatorId: 2, username: 'bob', displayName: 'Bob Baker', dailyLimits: { USD: 7_500 }, mustChangePassword: true }), operator({ operatorId: 3, username: 'eve', displayName: 'Eve Gone', active: false })],
          siteDailyTotalMinor: sameInEveryCurrency(20_000),
        }),
    });
    const table = await screen.findByRole('table', { name: 'Operators' });
    const alice = within(table).getByRole('row', { name: /Alice Agent/ });
    expect(alice).toHaveTextContent('Site limit, $200.00 / €200.00');
    const bob = within(table).getByRole('row', { name: /Bob Baker/ });
    expect(bob).toHaveTextContent('$75.00 / €200.00');
    expect(bob).toHaveTextContent('Must choose a new password');
    expect(within(table).getByRole('row', { name: /Eve Gone/ })).toHaveTextContent('Deactivated');
    expect(within(table).getByRole('row', { name: /Ada Admin/ })).toHaveTextContent('(you)');
  });

  it("marks the signed-in admin by username: on a hub desk the list's ids are the hub's, not this desktop's", async () => {
    setup({ operatorsList: async () => ok({ operators: [operator({ operatorId: 41, username: 'ada', displayName: 'Ada Admin', role: 'admin' }), operator({ operatorId: 4 })], siteDailyTotalMinor: sameInEveryCurrency(20_000) }) });
    const table = await screen.findByRole('table', { name: 'Operators' });
    expect(within(table).getByRole('row', { name: /Ada Admin/ })).toHaveTextContent('(you)');
    expect(within(table).getByRole('row', { name: /Alice Agent/ })).not.toHaveTextContent('(you)');
  });

  it('shows an empty list as such', async () => {
    setup({ operatorsList: async () => ok({ operators: [], siteDailyTotalMinor: sameInEveryCurrency(20_000) }) });
    expect(await screen.findByText('No operators yet.')).toBeInTheDocument();
  });

  it('shows why the list could not load, with a retry; on a hub desk that operators are managed there', async () => {
    const { desk, user } = setup({ operatorsList: () => fail('MANAGED_AT_HUB') });
    expect(await screen.findByRole('alert')).toHaveTextContent('operators are managed there');
    expect(screen.queryByRole('button', { name: 'Create operator' })).not.toBeInTheDocument();
    desk.operatorsList.mockImplementation(async () => ok({ operators: [ADA], siteDailyTotalMinor: sameInEveryCurrency(20_000) }));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('rowheader', { name: /Ada Admin/ })).toBeInTheDocument();
  });

  it('creates an operator with a temporary password and lists them', async () => {
    const { desk, user } = setup({
      operatorsCreate: async (input) => ok(operator({ operatorId: 9, username: input.username, displayName: input.displayName, role: input.assignRole, mustChangePassword: true })),
    });
    await user.type(await screen.findByLabelText('Username'), 'carol');
    await user.type(screen.getByLabelText('Full name'), 'Carol Chen');
    await user.selectOptions(screen.getByLabelText('Role'), 'Supervisor');
    await user.type(screen.getByLabelText('Temporary password'), 'copper-kettle-meadow');
    await user.click(screen.getByRole('button', { name: 'Create operator' }));
    expect(desk.operatorsCreate).toHaveBeenCalledWith({ username: 'carol', displayName: 'Carol Chen', assignRole: 'supervisor', temporaryPassword: 'copper-kettle-meadow' });
    expect(await screen.findByText('Carol Chen can now sign in as carol with the temporary password.')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Carol Chen/ })).toHaveTextContent('Supervisor');
  });

  it('checks the form before sending, and shows main’s refusal of a common password on the field', async () => {
    const { desk, user } = setup({ operatorsCreate: () => fail('INVALID_INPUT', { details: { reason: 'too_common' } }) });
    await user.click(await screen.findByRole('button', { name: 'Create operator' }));
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/lower case letters/i);
    expect(desk.operatorsCreate).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Username'), 'carol');
    await user.type(screen.getByLabelText('Full name'), 'Carol Chen');
    await user.type(screen.getByLabelText('Temporary password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Create operator' }));
    expect(await screen.findByText(/list of the most common passwords/)).toBeInTheDocument();
  });

  it('changes a role, sets an own daily limit and words the last-admin refusal', async () => {
    const { desk, user } = setup({
      operatorsSetRole: async ({ assignRole }) => ok({ ...ALICE, role: assignRole }),
      operatorsSetDailyLimit: async ({ currency, dailyTotalMinor }) => ok({ ...ALICE, dailyLimits: dailyTotalMinor ? { [currency]: dailyTotalMinor } : {} }),
    });
    await user.click(await screen.findByRole('button', { name: 'Manage Alice Agent' }));
    const panel = screen.getByRole('region', { name: /Alice Agent/ });
    await user.selectOptions(within(panel).getByLabelText('New role'), 'Supervisor');
    await user.click(within(panel).getByRole('button', { name: 'Change role' }));
    expect(desk.operatorsSetRole).toHaveBeenCalledWith({ targetId: 1, assignRole: 'supervisor' });
    expect(await within(panel).findByText(/Role changed/)).toBeInTheDocument();
    await user.type(within(panel).getByLabelText('Limit in USD'), '75');
    await user.click(within(panel).getByRole('button', { name: 'Save limit in USD' }));
    expect(desk.operatorsSetDailyLimit).toHaveBeenCalledWith({ targetId: 1, currency: 'USD', dailyTotalMinor: 7_500 });
    expect(screen.getByRole('row', { name: /Alice Agent/ })).toHaveTextContent('$75.00');
  });

  it('asks before deactivating, and shows main’s refusal', async () => {
    const { desk, user } = setup({ operatorsSetActive: () => fail('CONFLICT', { details: { reason: 'last_admin' } }) });
    await user.click(await screen.findByRole('button', { name: 'Manage Alice Agent' }));
    await user.click(screen.getByRole('button', { name: 'Deactivate' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Deactivate Alice Agent? They are signed out at once');
    expect(desk.operatorsSetActive).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Yes, deactivate' }));
    expect(desk.operatorsSetActive).toHaveBeenCalledWith({ targetId: 1, active: false });
    expect(await screen.findByText('This is the last active admin. Make someone else an admin first.')).toBeInTheDocument();
  });

  it('does not offer an admin to change their own role, access or password here', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Manage Ada Admin' }));
    const panel = screen.getByRole('region', { name: /Ada Admin/ });
    expect(within(panel).queryByRole('button', { name: 'Change role' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Deactivate' })).not.toBeInTheDocument();
    expect(within(panel).getByText('You cannot change your own role. Another admin can.')).toBeInTheDocument();
  });

  it('sets a temporary password and says what happens next', async () => {
    const { desk, user } = setup({ operatorsResetPassword: async () => ok({ ...ALICE, mustChangePassword: true }) });
    await user.click(await screen.findByRole('button', { name: 'Manage Alice Agent' }));
    const panel = screen.getByRole('region', { name: /Alice Agent/ });
    await user.type(within(panel).getByLabelText('Temporary password'), 'pebble-orchard-signal');
    await user.click(within(panel).getByRole('button', { name: 'Set temporary password' }));
    expect(desk.operatorsResetPassword).toHaveBeenCalledWith({ targetId: 1, temporaryPassword: 'pebble-orchard-signal' });
    expect(await within(panel).findByText(/chooses a new one at their next sign-in/)).toBeInTheDocument();
  });
});
