import { z } from 'zod';

/**
 * Every error that can cross the IPC boundary. The renderer maps each code to a
 * catalog message; main never sends UI sentences.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'FORBIDDEN_ROLE',
  'BAD_CREDENTIALS',
  'OPERATOR_LOCKED',
  /** Signed in with a temporary password: only choosing a new one is allowed. */
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE_FULL',
  'RECOVERY_MODE',
  'HUB_UNAVAILABLE',
  'NOT_ENROLLED',
  'ENROLMENT_CODE_INVALID',
  /** Enrolling at another hub while the outbox still holds operations for the old one: nothing changed. `details.unsent`, `details.hub`. */
  'UNSENT_OPERATIONS',
  'INTEGRITY_ALARM',
  /** This desktop syncs with a hub, where operators are managed. */
  'MANAGED_AT_HUB',
  /** A file the operator chose (a figure saved as CSV) could not be written (no half-written file is left). `details.reason` is the system's code. */
  'FILE_WRITE_FAILED',
  /** Another job on this desktop (an import, a hub snapshot load) kept the data busy for a minute; nothing was changed. */
  'DATABASE_BUSY',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcIssue = z.object({ path: z.string(), message: z.string() });
export type IpcIssue = z.infer<typeof IpcIssue>;

export const IpcError = z.object({
  code: ErrorCode,
  /** Field-level problems for INVALID_INPUT; dotted paths into the input. */
  issues: z.array(IpcIssue).optional(),
  /** Machine-readable facts for the message, e.g. { lockedUntil: '...' }. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: IpcError };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, extra: Omit<IpcError, 'code'> = {}): Err {
  return { ok: false, error: { code, ...extra } };
}
