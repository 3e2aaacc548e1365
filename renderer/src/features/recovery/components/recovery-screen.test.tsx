import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecoveryRestoreResult } from '@shared/ipc/recovery-channels';
import { ok, type Result } from '@shared/ipc/result';
import { deferred, fail } from '../../../test/fake-desk';
import { renderApp } from '../../../test/render-app';
import { useRecoveryStore } from '../stores/recovery-store';

const damaged = {
  mode: 'recovery' as const,
  problems: ['*** in database main ***\nTree 7 page 7: btreeInitPage() returns error code 11'],
  latestBackupAt: '2024-03-04T14:30:00.000Z',
};

afterEach(() => useRecoveryStore.getState().reset());

describe('recovery screen', () => {
  it('explains a damaged database instead of showing sign-in, and offers the latest verified backup', async () => {
    renderApp({ recoveryStatus: async () => ok(damaged), authSession: () => fail('RECOVERY_MODE') });
    expect(await screen.findByRole('heading', { name: 'The desk database is damaged' })).toBeInTheDocument();
    expect(screen.getByText(/saves nothing until the database is restored/)).toBeInTheDocument();
    expect(screen.getByText(/^Latest verified backup: /)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Restore the latest backup' })).toBeEnabled();
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
  });

  it('restores on request, once, and says the app restarts', async () => {
    const reply = deferred<Result<RecoveryRestoreResult>>();
    const { desk, user } = renderApp({ recoveryStatus: async () => ok(damaged), recoveryRestoreLatest: () => reply.promise });
    await user.click(await screen.findByRole('button', { name: 'Restore the latest backup' }));
    expect(screen.getByRole('button', { name: 'Restoring…' })).toBeDisabled();
    reply.resolve(ok({ restoredBackupAt: damaged.latestBackupAt, restartRequired: true }));
    expect(await screen.findByText(/^Restored the backup from .*The app is restarting\.$/)).toBeInTheDocument();
    expect(desk.recoveryRestoreLatest).toHaveBeenCalledTimes(1);
  });

  it('says to call the service desk when there is no backup, and offers no restore', async () => {
    renderApp({ recoveryStatus: async () => ok({ ...damaged, latestBackupAt: null }) });
    expect(await screen.findByText(/There is no verified backup on this computer/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore the latest backup' })).not.toBeInTheDocument();
  });

  it('shows the coded error when the restore fails', async () => {
    const { user } = renderApp({ recoveryStatus: async () => ok(damaged), recoveryRestoreLatest: () => fail('STORAGE_FULL') });
    await user.click(await screen.findByRole('button', { name: 'Restore the latest backup' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The disk is full, so nothing could be saved.');
  });

  it('keeps the normal start when the database is healthy', async () => {
    renderApp({ recoveryStatus: async () => ok({ mode: 'normal', problems: [], latestBackupAt: null }) });
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'The desk database is damaged' })).not.toBeInTheDocument();
  });
});
