import { createBackend, type Backend, type BackendOptions } from './create-backend';
import type { Dispatch } from '../ipc/dispatch';
import { createRecoveryBackend, type RecoveryBackend } from './recovery-backend';
import { checkDatabaseAtStart } from '../recovery/start-check';

export interface NormalAppBackend {
  readonly mode: 'normal';
  readonly backend: Backend;
  readonly dispatch: Dispatch;
  close(): void;
}

export type AppBackend = NormalAppBackend | RecoveryBackend;

export interface StartBackendOptions extends BackendOptions {
  /** Recovery mode only: called after a backup was restored, to relaunch the app. */
  readonly onRestored?: () => void;
}

/**
 * Runs the start-up quick_check first. A healthy (or new) database gets the normal backend; a
 * damaged one gets the read-only recovery backend, so the app neither crashes nor writes on.
 */
export function startBackend(options: StartBackendOptions): AppBackend {
  const health = checkDatabaseAtStart(options.dbPath, options.nativeBinding);
  if (!health.ok) {
    console.error('Database failed its start check; starting in recovery mode', health.problems);
    return createRecoveryBackend({
      dbPath: options.dbPath,
      problems: health.problems,
      isTrustedSender: options.isTrustedSender,
      clock: options.clock ?? (() => new Date()),
      ...(options.backupDir ? { backupDir: options.backupDir } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.onRestored ? { onRestored: options.onRestored } : {}),
      ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    });
  }
  const backend = createBackend(options);
  return { mode: 'normal', backend, dispatch: backend.dispatch, close: () => backend.close() };
}
