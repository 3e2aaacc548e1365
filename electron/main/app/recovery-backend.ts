import { channelNames, type ChannelName } from '@shared/ipc/channels';
import type { RecoveryCause } from '@shared/ipc/recovery-channels';
import { err, ok } from '@shared/ipc/result';
import { listBackups } from '../backup/backup-files';
import { restoreBackup } from '../backup/restore-backup';
import { BackupError } from '../backup/take-backup';
import type { SenderInfo } from '../window/sender-info';
import type { SessionGate } from '../auth/session-gate';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import type { Handlers } from '../ipc/handlers';
import type { RecoveryHandlers } from '../ipc/recovery-handlers';

export interface RecoveryBackendOptions {
  readonly dbPath: string;
  readonly backupDir?: string;
  /** What the start check reported. */
  readonly problems: readonly string[];
  /** Damaged by default; a read-only folder or file cannot be helped by restoring a backup. */
  readonly cause?: RecoveryCause;
  readonly blockedPath?: string;
  readonly isTrustedSender: (sender: SenderInfo) => boolean;
  readonly clock: () => Date;
  readonly nativeBinding?: string;
  /** Called once a backup is in place; the app relaunches to open it. */
  readonly onRestored?: () => void;
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

export interface RecoveryBackend {
  readonly mode: 'recovery';
  readonly problems: readonly string[];
  readonly dispatch: Dispatch;
  close(): void;
}

const RECOVERY_CHANNELS: ReadonlySet<string> = new Set<ChannelName>(['recoveryStatus', 'recoveryRestoreLatest']);

// Nobody can sign in while the operator table may be the damaged part.
const noSession: SessionGate = {
  authorize: () => ({ ok: false, code: 'NOT_SIGNED_IN' }),
  current: () => null,
};

/**
 * What the app runs instead of the normal backend when the start check fails. It holds no
 * connection to the damaged file, so nothing can write to it; it answers only the recovery
 * channels, through the same dispatcher (sender check, input check) as the normal backend.
 */
export function createRecoveryBackend(options: RecoveryBackendOptions): RecoveryBackend {
  let restored = false;
  const cause = options.cause ?? 'DATABASE_DAMAGED';

  const recoveryHandlers: RecoveryHandlers = {
    recoveryStatus: () =>
      ok({
        mode: 'recovery',
        cause,
        blockedPath: options.blockedPath ?? null,
        problems: [...options.problems],
        latestBackupAt: options.backupDir ? (listBackups(options.backupDir)[0]?.takenAt ?? null) : null,
      }),
    recoveryRestoreLatest: (_input, { now }) => {
      // Restoring writes the database file: it cannot help while the folder or file refuses writes.
      if (restored || cause !== 'DATABASE_DAMAGED') return err('CONFLICT');
      // Newest first; a backup that fails its integrity check now is skipped, never restored.
      for (const backup of options.backupDir ? listBackups(options.backupDir) : []) {
        try {
          restoreBackup(options.dbPath, backup.path, { now, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
        } catch (error) {
          if (error instanceof BackupError) continue;
          throw error;
        }
        restored = true;
        options.onRestored?.();
        return ok({ restoredBackupAt: backup.takenAt, restartRequired: true as const });
      }
      return err('NOT_FOUND');
    },
  };
  const refuse = () => err('RECOVERY_MODE');
  const handlers = Object.fromEntries(
    channelNames.map((name) => [name, RECOVERY_CHANNELS.has(name) ? recoveryHandlers[name as keyof RecoveryHandlers] : refuse]),
  ) as unknown as Handlers;

  const inner = createDispatcher({
    handlers,
    session: noSession,
    isTrustedSender: options.isTrustedSender,
    clock: options.clock,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  const dispatch: Dispatch = async (channel, input, sender) => {
    // Answer every other known channel the same way, whatever its access rule, so the renderer knows why.
    if (typeof channel === 'string' && (channelNames as string[]).includes(channel) && !RECOVERY_CHANNELS.has(channel) && options.isTrustedSender(sender)) {
      return err('RECOVERY_MODE');
    }
    return inner(channel, input, sender);
  };
  return { mode: 'recovery', problems: options.problems, dispatch, close() {} };
}
