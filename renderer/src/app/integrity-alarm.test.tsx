import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IntegrityStatus } from '@shared/ipc/audit-channels';
import { err, ok } from '@shared/ipc/result';
import { sessionFixture } from '../test/fixtures';
import { renderSignedIn } from '../test/render-app';

const alarmed: IntegrityStatus = {
  alarm: { reason: 'events_missing', detectedAt: '2024-03-04T15:00:00.000Z', anchoredCount: 120, eventCount: 115, brokenAtSeq: null },
  anchor: 'os_keychain',
  hubConfigured: false,
};
const clear: IntegrityStatus = { ...alarmed, alarm: null };

describe('the integrity-alarm banner', () => {
  it('tells every operator what is wrong and what still works, and leaves the acknowledgement to an admin', async () => {
    await renderSignedIn({ auditIntegrity: async () => ok(alarmed) });
    const banner = await screen.findByTestId('integrity-banner');
    expect(banner).toHaveTextContent('Integrity alarm.');
    expect(banner).toHaveTextContent('it holds 115 events where the anchor recorded 120, so events were deleted or a database file was lost');
    expect(banner).toHaveTextContent('Searching and reading still work; override decisions and admin changes are refused');
    expect(banner).toHaveTextContent('Tell an admin or security.');
    expect(within(banner).queryByRole('button', { name: 'Acknowledge and re-anchor' })).toBeNull();
  });

  it('shows nothing while main reports no alarm', async () => {
    const { desk } = await renderSignedIn();
    await waitFor(() => expect(desk.auditIntegrity).toHaveBeenCalled());
    expect(screen.queryByTestId('integrity-banner')).toBeNull();
  });

  it('lets an admin acknowledge with a note, then the banner goes', async () => {
    let current = alarmed;
    const { desk, user } = await renderSignedIn({
      authSession: async () => ok(sessionFixture({ role: 'admin', username: 'ada', displayName: 'Ada Admin' })),
      auditIntegrity: async () => ok(current),
      auditIntegrityAcknowledge: async () => {
        current = clear;
        return ok(clear);
      },
    });
    const banner = await screen.findByTestId('integrity-banner');
    const acknowledge = within(banner).getByRole('button', { name: 'Acknowledge and re-anchor' });
    expect(acknowledge).toBeDisabled();
    await user.type(within(banner).getByLabelText('What you found and did'), '  Restored the backup, INC-2201  ');
    await user.click(acknowledge);
    expect(desk.auditIntegrityAcknowledge).toHaveBeenCalledWith({ note: 'Restored the backup, INC-2201' });
    await waitFor(() => expect(screen.queryByTestId('integrity-banner')).toBeNull());
  });

  it('keeps the banner and says why when the acknowledgement is refused', async () => {
    const { user } = await renderSignedIn({
      authSession: async () => ok(sessionFixture({ role: 'admin' })),
      auditIntegrity: async () => ok(alarmed),
      auditIntegrityAcknowledge: async () => err('STORAGE_FULL'),
    });
    const banner = await screen.findByTestId('integrity-banner');
    await user.type(within(banner).getByLabelText('What you found and did'), 'Checked');
    await user.click(within(banner).getByRole('button', { name: 'Acknowledge and re-anchor' }));
    expect(await within(banner).findByText('The disk is full, so nothing could be saved. Call the service desk.')).toBeInTheDocument();
    expect(screen.getByTestId('integrity-banner')).toBeInTheDocument();
  });
});
