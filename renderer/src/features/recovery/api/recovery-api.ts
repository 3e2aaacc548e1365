import type { RecoveryRestoreResult, RecoveryStatus } from '@shared/ipc/recovery-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchRecoveryStatus(): Promise<Result<RecoveryStatus>> {
  return callDesk('recoveryStatus', {});
}

export function restoreLatestBackup(): Promise<Result<RecoveryRestoreResult>> {
  return callDesk('recoveryRestoreLatest', {});
}
