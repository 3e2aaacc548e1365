import { z } from 'zod';

/**
 * Every error the hub answers with. The desktop words each code from its own catalog; the
 * hub never sends UI sentences. A refused operation is NOT an error: it is an answer inside
 * a successful push (see operations.ts).
 */
export const hubErrorCodes = [
  'INVALID_INPUT',
  'PAYLOAD_TOO_LARGE',
  'NOT_SIGNED_IN',
  'TOKEN_EXPIRED',
  'FORBIDDEN_ROLE',
  'BAD_CREDENTIALS',
  'OPERATOR_LOCKED',
  /** Signed in with a temporary password: nothing but `POST /v1/me/password` (and the session, sign-out) until it is changed. */
  'PASSWORD_CHANGE_REQUIRED',
  'RATE_LIMITED',
  'DESKTOP_UNKNOWN',
  'DESKTOP_REVOKED',
  'DESKTOP_MISMATCH',
  'ENROLMENT_CODE_INVALID',
  /** Screen-pop: no integration token, or not one the hub made. */
  'INTEGRATION_TOKEN_INVALID',
  /** Screen-pop: an admin revoked this integration token. */
  'INTEGRATION_TOKEN_REVOKED',
  /** Screen-pop: no active operator has that username. */
  'AGENT_UNKNOWN',
  /** Screen-pop: the agent exists but no desktop of theirs has the change stream open; nothing was shown. */
  'AGENT_NOT_CONNECTED',
  'NOT_FOUND',
  'CONFLICT',
  /** A billing batch was asked for and no credit or reversal is waiting: no batch was made. */
  'NOTHING_TO_EXPORT',
  /** The hub cannot reach its database right now (a restart, a failover): nothing was done that the answer does not say; retry after `details.retryAfterSeconds`. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const HubErrorCode = z.enum(hubErrorCodes);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const HubIssue = z.object({ path: z.string(), message: z.string() });
export type HubIssue = z.infer<typeof HubIssue>;

export const HubError = z.object({
  code: HubErrorCode,
  /** Field-level problems for INVALID_INPUT; dotted paths into the body or query. */
  issues: z.array(HubIssue).optional(),
  /** Machine-readable facts, e.g. `{ lockedUntil }` or `{ retryAfterSeconds }`. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type HubError = z.infer<typeof HubError>;

/** The body of every non-2xx answer. */
export const HubErrorBody = z.object({ error: HubError });
export type HubErrorBody = z.infer<typeof HubErrorBody>;
