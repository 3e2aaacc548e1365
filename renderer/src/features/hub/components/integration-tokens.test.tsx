import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationTokenView } from '@shared/hub/screen-pop';
import type { HubStatus } from '@shared/ipc/hub-channels';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { useHubStore } from '../stores/hub-store';
import { useIntegrationTokensStore } from '../stores/integration-tokens-store';
import { HubScreen } from './hub-screen';

const enrolled: HubStatus = { mode: 'hub', enrolled: true, desktopName: 'Desk A', online: true, pendingOperations: 0, archive: null, snapshot: null };
const TOKEN = `ocdi_${'x'.repeat(43)}`;

afterEach(() => {
  useHubStore.getState().reset();
  useIntegrationTokensStore.getState().reset();
});

describe("the hub screen's phone-system tokens", () => {
  it('makes a token, shows it once, lists it and revokes it', async () => {
    let tokens: IntegrationTokenView[] = [];
    const desk = installFakeDesk({
      hubStatus: async () => ok(enrolled),
      hubIntegrationTokensList: async () => ok(tokens),
      hubIntegrationTokenCreate: async ({ label }) => {
        const integration = { id: 7, label, createdBy: 'ada', createdAt: '2026-12-04T18:00:00.000Z', lastUsedAt: null, revokedAt: null };
        tokens = [integration];
        return ok({ token: TOKEN, integration });
      },
      hubIntegrationTokenRevoke: async ({ id }) => {
        tokens = tokens.map((token) => (token.id === id ? { ...token, revokedAt: '2026-12-04T18:30:00.000Z' } : token));
        return ok(tokens[0]!);
      },
    });
    const user = userEvent.setup();
    render(<HubScreen />);
    expect(await screen.findByText('No phone system has a token yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Integration name'), '  Genesys floor 2 ');
    await user.click(screen.getByRole('button', { name: 'Make token' }));
    expect(desk.hubIntegrationTokenCreate).toHaveBeenCalledWith({ label: 'Genesys floor 2' });
    expect(await screen.findByTestId('integration-token-value')).toHaveTextContent(TOKEN);
    const row = within(await screen.findByTestId('integration-tokens')).getByText('Genesys floor 2').closest('tr')!;
    expect(row).toHaveTextContent('Never');
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByTestId('integration-token-value')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Revoke the token of Genesys floor 2' }));
    expect(desk.hubIntegrationTokenRevoke).toHaveBeenCalledWith({ id: 7 });
    expect(await within(screen.getByTestId('integration-tokens')).findByText(/^Revoked /)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke the token/ })).toBeNull();
  });

  it('words a hub that cannot be reached, and shows no tokens section on a desktop not enrolled', async () => {
    installFakeDesk({ hubStatus: async () => ok(enrolled), hubIntegrationTokensList: async () => err('HUB_UNAVAILABLE') });
    const { unmount } = render(<HubScreen />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The hub cannot be reached just now');
    unmount();
    useHubStore.getState().reset();
    installFakeDesk({ hubStatus: async () => ok({ ...enrolled, enrolled: false }) });
    render(<HubScreen />);
    expect(await screen.findByRole('button', { name: 'Enrol' })).toBeInTheDocument();
    expect(screen.queryByText('Phone system (screen-pop)')).toBeNull();
  });
});
