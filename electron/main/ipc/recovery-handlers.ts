import { err, ok } from '@shared/ipc/result';
import type { Handlers } from './handlers';

export type RecoveryHandlers = Pick<Handlers, 'recoveryStatus' | 'recoveryRestoreLatest'>;

/** In normal mode: the database passed its start check, and restoring over it is refused. */
export function createHealthyRecoveryHandlers(): RecoveryHandlers {
  return {
    recoveryStatus: () => ok({ mode: 'normal', cause: null, blockedPath: null, problems: [], latestBackupAt: null }),
    recoveryRestoreLatest: () => err('CONFLICT'),
  };
}
