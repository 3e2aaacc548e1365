import { createBackend, type Backend, type BackendOptions } from './create-backend';
import type { Dispatch } from '../ipc/dispatch';
import { createRecoveryBackend, type RecoveryBackend } from './recovery-backend';
import { accessProblemFromError, probeDatabaseAccess, type AccessProbeFs, type DatabaseAccessProblem } from '../recovery/database-access';
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
  /** The file-system calls of the write probe; tests inject a refusing one where chmod cannot refuse. */
  readonly accessProbeFs?: AccessProbeFs;
}

/**
 * Runs the start-up quick_check first. A healthy (or new) database gets the normal backend; a
 * damaged one gets the read-only recovery backend, so the app neither crashes nor writes on.
 */
export function startBackend(options: StartBackendOptions): AppBackend {
  const access = probeDatabaseAccess(options.dbPath, options.accessProbeFs);
  if (access) return notWritable(options, access);
  const health = checkDatabaseAtStart(options.dbPath, options.nativeBinding);
  if (!health.ok) {
    console.error('Database failed its start check; starting in recovery mode', health.problems);
    return recovery(options, { problems: health.problems });
  }
  let backend;
  try {
    backend = createBackend(options);
  } catch (error) {
    // A read-only database the probe could not see (a read-only disk, a file locked by policy).
    const problem = accessProblemFromError(error, options.dbPath);
    if (problem) return notWritable(options, problem);
    throw error;
  }
  return { mode: 'normal', backend, dispatch: backend.dispatch, close: () => backend.close() };
}

/** The recovery screen, explaining which folder or file refuses writes and what to do about it. */
function notWritable(options: StartBackendOptions, problem: DatabaseAccessProblem): RecoveryBackend {
  console.error(`Database not writable (${problem.code}) at ${problem.path}: ${problem.detail}`);
  return recovery(options, { problems: [problem.detail], cause: problem.code, blockedPath: problem.path });
}

function recovery(
  options: StartBackendOptions,
  why: { problems: readonly string[]; cause?: DatabaseAccessProblem['code']; blockedPath?: string },
): RecoveryBackend {
  return createRecoveryBackend({
    dbPath: options.dbPath,
    problems: why.problems,
    ...(why.cause ? { cause: why.cause, blockedPath: why.blockedPath } : {}),
    isTrustedSender: options.isTrustedSender,
    clock: options.clock ?? (() => new Date()),
    ...(options.backupDir ? { backupDir: options.backupDir } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.onRestored ? { onRestored: options.onRestored } : {}),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
}
