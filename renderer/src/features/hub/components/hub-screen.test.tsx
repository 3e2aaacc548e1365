import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubStatus } from '@shared/ipc/hub-channels';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { useHubStore } from '../stores/hub-store';
import { HubScreen } from './hub-screen';

const hubMode: HubStatus = { mode: 'hub', enrolled: false, desktopName: null, online: false, pendingOperations: 0, archive: null, snapshot: null };

afterEach(() => useHubStore.getState().reset());

describe('the hub screen', () => {
  it('says a desktop without a hub works alone', async () => {
    installFakeDesk({ hubStatus: async () => ok({ ...hubMode, mode: 'standalone' }) });
    render(<HubScreen />);
    expect(await screen.findByTestId('hub-mode')).toHaveTextContent('This desktop works alone: no hub is configured.');
    expect(screen.queryByRole('button', { name: 'Enrol' })).toBeNull();
  });

  it('enrols a desktop with the one-time code, then shows it in sync', async () => {
    let enrolled = false;
    const desk = installFakeDesk({
      hubStatus: async () =>
        ok(
          enrolled
            ? {
                ...hubMode,
                enrolled: true,
                desktopName: 'Floor 2, seat 14',
                online: true,
                pendingOperations: 2,
                archive: { path: '/data/archives/standalone-history-20261203T061900Z.ndjson', archivedAt: '2026-12-03T06:19:00.000Z', overrideRequests: 3, auditEvents: 41 },
              }
            : hubMode,
        ),
      hubEnrol: async ({ name }) => {
        enrolled = true;
        return ok({ desktopName: name });
      },
    });
    const user = userEvent.setup();
    render(<HubScreen />);
    await user.type(await screen.findByLabelText('Enrolment code'), 'abcd-efgh-jklm');
    await user.type(screen.getByLabelText('Desktop name'), 'Floor 2, seat 14');
    await user.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(desk.hubEnrol).toHaveBeenCalledWith({ code: 'ABCD-EFGH-JKLM', name: 'Floor 2, seat 14' });
    expect(await screen.findByText('Enrolled: the hub knows this desktop as Floor 2, seat 14.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('hub-mode')).toHaveTextContent('Online: signed in at the hub'));
    expect(screen.getByTestId('hub-mode')).toHaveTextContent('2 operations');
    // What the desktop held on its own went to a file the admin can open.
    expect(screen.getByTestId('hub-archive')).toHaveTextContent('its own override requests (3) and audit events (41)');
    expect(screen.getByTestId('hub-archive')).toHaveTextContent('/data/archives/standalone-history-20261203T061900Z.ndjson');
    expect(screen.queryByRole('button', { name: 'Enrol' })).toBeNull();
  });

  it('words a refused enrolment and keeps the form', async () => {
    installFakeDesk({ hubStatus: async () => ok(hubMode), hubEnrol: async () => err('HUB_UNAVAILABLE') });
    const user = userEvent.setup();
    render(<HubScreen />);
    await user.type(await screen.findByLabelText('Enrolment code'), 'ABCD-EFGH-JKLM');
    await user.type(screen.getByLabelText('Desktop name'), 'Seat 3');
    await user.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enrol' })).toBeInTheDocument();
  });
});
