import { callDesk } from '../../../lib/desk-client';
import { useRecoveryStore } from '../stores/recovery-store';

export async function restoreLatestBackup(): Promise<void> {
  const store = useRecoveryStore.getState();
  if (store.restore.state === 'restoring' || store.restore.state === 'restored') return;
  store.restoreStarted();
  const result = await callDesk('recoveryRestoreLatest', {});
  if (result.ok) useRecoveryStore.getState().restoreDone(result.value.restoredBackupAt);
  else useRecoveryStore.getState().restoreFailed(result.error.code);
}
