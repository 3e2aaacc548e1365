import type { HubErrorCode } from '@shared/hub/errors';

/** The one map from a hub error code to its HTTP status; a new code without a status does not compile. */
export const hubErrorStatus: Readonly<Record<HubErrorCode, number>> = {
  INVALID_INPUT: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_SIGNED_IN: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN_ROLE: 403,
  BAD_CREDENTIALS: 401,
  OPERATOR_LOCKED: 423,
  RATE_LIMITED: 429,
  DESKTOP_UNKNOWN: 401,
  DESKTOP_REVOKED: 403,
  DESKTOP_MISMATCH: 403,
  ENROLMENT_CODE_INVALID: 403,
  INTEGRATION_TOKEN_INVALID: 401,
  INTEGRATION_TOKEN_REVOKED: 401,
  AGENT_UNKNOWN: 404,
  AGENT_NOT_CONNECTED: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOTHING_TO_EXPORT: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
