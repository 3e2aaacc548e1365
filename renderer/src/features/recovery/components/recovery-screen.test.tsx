import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecoveryRestoreResult } from '@shared/ipc/recovery-channels';
import { ok, type Result } from '@shared/ipc/result';
import { deferred, fail } from '../../../test/fake-desk';
import { renderApp } from '../../../test/render-app';
import { useRecoveryStore } from '../stores/recovery-store';

const damaged = {
  mode: 'recovery' as const,
  cause: 'DATABASE_DAMAGED' as const,
  blockedPath: null,
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

  it('explains a read-only database folder with the path and what to do, and offers no restore', async () => {
    renderApp({
      recoveryStatus: async () =>
        ok({
          mode: 'recovery',
          cause: 'DATABASE_FOLDER_READ_ONLY',
          blockedPath: '/home/kim/.config/Outage Credit Desk',
          problems: ["EACCES: permission denied, open '/home/kim/.config/Outage Credit Desk/.ocd-write-check-42'"],
          latestBackupAt: '2024-03-04T14:30:00.000Z',
        }),
    });
    expect(await screen.findByRole('heading', { name: 'The desk database cannot be saved to' })).toBeInTheDocument();
    expect(screen.getByText(/does not let this computer account save files in it/)).toBeInTheDocument();
    expect(screen.getByText('Read-only: /home/kim/.config/Outage Credit Desk')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/ask your IT support to give your account permission/);
    expect(screen.getByText('Code for the service desk: DATABASE_FOLDER_READ_ONLY')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore the latest backup' })).not.toBeInTheDocument();
    expect(screen.queryByText(/EACCES/, { selector: 'p, h1, div' })).not.toBeInTheDocument();
  });

  it('says which file is read-only when the folder is fine', async () => {
    renderApp({
      recoveryStatus: async () =>
        ok({ mode: 'recovery', cause: 'DATABASE_FILE_READ_ONLY', blockedPath: '/data/outage-credit-desk.sqlite', problems: [], latestBackupAt: null }),
    });
    expect(await screen.findByText(/The desk database file is read-only for this computer account/)).toBeInTheDocument();
    expect(screen.getByText('Read-only: /data/outage-credit-desk.sqlite')).toBeInTheDocument();
  });

  it('keeps the normal start when the database is healthy', async () => {
    renderApp({ recoveryStatus: async () => ok({ mode: 'normal', cause: null, blockedPath: null, problems: [], latestBackupAt: null }) });
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'The desk database is damaged' })).not.toBeInTheDocument();
  });
});
