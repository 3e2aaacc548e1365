import { z } from 'zod';
import { OperatorIdentity } from '../domain/operator';
import { OverrideSettings, SiteTimeZone } from '../domain/override';
import { PatternThresholds } from '../domain/override-patterns';
import { UtcInstant } from '../domain/outage';

/** A desktop's id, given by the hub at enrolment. */
export const DesktopId = z.uuid();
export type DesktopId = z.infer<typeof DesktopId>;

/** The secret a desktop receives once at enrolment and keeps (under safeStorage). */
export const DesktopSecret = z.string().regex(/^ocdd_[A-Za-z0-9_-]{43}$/);
export type DesktopSecret = z.infer<typeof DesktopSecret>;

/**
 * A short-lived session token: opaque to the desktop, sent as `Authorization: Bearer <token>`.
 * It is bound to one operator on one desktop; the hub keeps only its hash.
 */
export const SessionToken = z.string().regex(/^ocds_[A-Za-z0-9_-]{43}$/);
export type SessionToken = z.infer<typeof SessionToken>;

/** How long a session token lives; the desktop signs in again after it (or on TOKEN_EXPIRED). */
export const SESSION_TOKEN_TTL_MS = 8 * 60 * 60 * 1000;

/** The desktop proves which enrolled desktop it is; the operator proves who they are. */
export const SignInRequest = z.strictObject({
  desktopId: DesktopId,
  desktopSecret: DesktopSecret,
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /** The seq of the hub's audit event this desktop saw as the head last time: the hub answers its hash (audit.known). */
  knownAuditSeq: z.int().positive().optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** One event of the hub's audit chain, by seq and hash: what a desktop keeps to witness the hub's chain. */
export const HubAuditMark = z.object({ seq: z.int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type HubAuditMark = z.infer<typeof HubAuditMark>;

export const HubOperator = OperatorIdentity;
export type HubOperator = z.infer<typeof HubOperator>;

export const SignInResponse = z.object({
  token: SessionToken,
  expiresAt: UtcInstant,
  operator: HubOperator,
  /**
   * Signed in with a temporary password (a new operator, an admin's reset): the desktop allows
   * nothing but choosing a new one (`POST /v1/me/password`). Absent from an older hub: false.
   */
  mustChangePassword: z.boolean().default(false),
  /** The site-wide override limits in force now. */
  overrideSettings: OverrideSettings,
  /** The site's time zone, whose business day the daily totals count; absent from an older hub. */
  siteTimeZone: SiteTimeZone.optional(),
  /** The site-wide thresholds of the supervisors' pattern flags in force now; absent from an older hub. */
  patternThresholds: PatternThresholds.optional(),
  /** The highest operation sequence number the hub applied (or refused) from this desktop; 0 for none. */
  lastAppliedSeq: z.int().min(0),
  /** The change log's head: pull up to here to be current. */
  head: z.int().min(0),
  /**
   * The hub's audit chain as the desktop witnesses it: its newest event (null while empty), and
   * the event at the `knownAuditSeq` asked for (null when there is none, or none was asked for).
   */
  audit: z.object({ head: HubAuditMark.nullable(), known: HubAuditMark.nullable() }).optional(),
});
export type SignInResponse = z.infer<typeof SignInResponse>;

/** Answer of `GET /v1/session`: who the token belongs to and where this desktop stands. */
export const SessionState = z.object({
  desktopId: DesktopId,
  operator: HubOperator,
  expiresAt: UtcInstant,
  lastAppliedSeq: z.int().min(0),
  head: z.int().min(0),
});
export type SessionState = z.infer<typeof SessionState>;
