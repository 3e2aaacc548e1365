import { z } from 'zod';
import { defineChannel, Empty } from './define';

/**
 * Why the app started in recovery mode: the start check found the database damaged, or the
 * database's folder or file refuses writes (read-only permissions, a read-only disk).
 */
export const recoveryCauses = ['DATABASE_DAMAGED', 'DATABASE_FOLDER_READ_ONLY', 'DATABASE_FILE_READ_ONLY'] as const;
export const RecoveryCause = z.enum(recoveryCauses);
export type RecoveryCause = z.infer<typeof RecoveryCause>;

export const RecoveryStatus = z.object({
  /** 'recovery' when the start-up check found the database damaged or not writable; only recovery channels work then. */
  mode: z.enum(['normal', 'recovery']),
  /** Null in normal mode. */
  cause: RecoveryCause.nullable(),
  /** The folder or file that refused writes, for the operator to pass on; null otherwise. */
  blockedPath: z.string().nullable(),
  /** What SQLite's check reported, verbatim, for the service desk; never shown as the explanation. */
  problems: z.array(z.string()),
  /** ISO-8601 UTC instant of the newest verified backup, or null when there is none. */
  latestBackupAt: z.string().nullable(),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;

export const RecoveryRestoreResult = z.object({
  restoredBackupAt: z.string(),
  /** The app restarts itself to open the restored file. */
  restartRequired: z.literal(true),
});
export type RecoveryRestoreResult = z.infer<typeof RecoveryRestoreResult>;

/**
 * Public on purpose: in recovery mode the operator table may be the damaged part, so nobody
 * could sign in. Restoring is refused (CONFLICT) whenever the database is healthy.
 */
export const recoveryChannels = {
  recoveryStatus: defineChannel({ input: Empty, output: RecoveryStatus, access: 'public', auditRefusals: false }),
  recoveryRestoreLatest: defineChannel({ input: Empty, output: RecoveryRestoreResult, access: 'public', auditRefusals: false }),
} as const;
