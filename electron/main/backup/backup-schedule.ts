import type Database from 'better-sqlite3';
import type { BackupFile } from './backup-files';
import { takeBackup } from './take-backup';

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BackupScheduleOptions {
  readonly db: Database.Database;
  readonly dir: string;
  readonly intervalMs: number;
  readonly clock: () => Date;
  readonly keep?: number;
  readonly nativeBinding?: string;
  readonly timers?: Timers;
  readonly onBackup?: (file: BackupFile) => void;
  readonly onError?: (error: unknown) => void;
}

export interface BackupSchedule {
  /** Takes a backup now unless one is already running; resolves with it (or null if skipped or failed). */
  runNow(): Promise<BackupFile | null>;
  stop(): void;
}

/** Takes a verified backup every intervalMs; a run never overlaps the previous one. */
export function scheduleBackups(options: BackupScheduleOptions): BackupSchedule {
  const timers: Timers = options.timers ?? {
    setInterval: (callback, ms) => {
      const handle = setInterval(callback, ms);
      // A pending backup must not keep the app (or a test) alive.
      handle.unref();
      return handle;
    },
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  };
  let running: Promise<BackupFile | null> | null = null;
  let stopped = false;

  function runNow(): Promise<BackupFile | null> {
    if (stopped || !options.db.open) return Promise.resolve(null);
    if (running) return running;
    running = takeBackup(options.db, {
      dir: options.dir,
      now: options.clock(),
      reason: 'scheduled',
      ...(options.keep !== undefined ? { keep: options.keep } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
      .then((file) => {
        options.onBackup?.(file);
        return file;
      })
      .catch((error: unknown) => {
        options.onError?.(error);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const handle = timers.setInterval(() => void runNow(), options.intervalMs);
  return {
    runNow,
    stop() {
      stopped = true;
      timers.clearInterval(handle);
    },
  };
}
