import { z } from 'zod';
import { defineChannel, Empty } from './define';

export const RecoveryStatus = z.object({
  /** 'recovery' when the start-up check found the database damaged; only recovery channels work then. */
  mode: z.enum(['normal', 'recovery']),
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
