/** Consecutive failed sign-ins that lock an operator. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long an operator stays locked after too many failed sign-ins. */
export const OPERATOR_LOCK_MS = 15 * 60 * 1000;
/** A session with no authorized call for this long locks until its operator signs in again. */
export const SESSION_IDLE_LOCK_MS = 15 * 60 * 1000;
