import { z } from 'zod';
import { admins, defineChannel, Empty, staff } from './define';

/** Who an event names, as the log shows them: their display name, and their username for the record. */
export const AuditOperator = z.object({ id: z.int(), username: z.string(), displayName: z.string() });
export type AuditOperator = z.infer<typeof AuditOperator>;

export const AuditEventView = z.object({
  seq: z.int(),
  id: z.string(),
  at: z.string(),
  /** Null when nobody was signed in (a refused call without a session, an expiry). */
  operator: AuditOperator.nullable(),
  action: z.string(),
  target: z.string(),
  /** The account the event concerns, where it concerns one. */
  accountNumber: z.string().nullable(),
  before: z.json().nullable(),
  after: z.json().nullable(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

/** Where a page of the log ended: the next page starts after this event (newest first by time, then by seq). */
export const AuditCursor = z.strictObject({ at: z.iso.datetime(), seq: z.int().positive() });
export type AuditCursor = z.infer<typeof AuditCursor>;

/** `<area>.<verb>`, as the log writes its actions. */
export const AuditAction = z.string().min(3).max(64).regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/);

export const AUDIT_PAGE_MAX = 200;

export const AuditListInput = z.strictObject({
  operatorId: z.int().positive().optional(),
  action: AuditAction.optional(),
  accountNumber: z.string().regex(/^[0-9]{9,12}$/).optional(),
  /** From this instant (inclusive) to `to` (exclusive), UTC. */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  after: AuditCursor.optional(),
  limit: z.int().min(1).max(AUDIT_PAGE_MAX).optional(),
});
export type AuditListInput = z.infer<typeof AuditListInput>;

export const AuditPage = z.object({
  events: z.array(AuditEventView),
  /** Where the next (older) page starts; null when this page reached the oldest event that matches. */
  next: AuditCursor.nullable(),
  /** Every operator, for the operator filter. */
  operators: z.array(AuditOperator),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditChainView = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.int() }),
  z.object({
    ok: z.literal(false),
    count: z.int(),
    brokenAtSeq: z.int(),
    reason: z.enum(['hash_mismatch', 'prev_hash_mismatch']),
  }),
]);
export type AuditChainView = z.infer<typeof AuditChainView>;

/**
 * Why the app is in its integrity-alarm state: the chain's head kept outside the database (the
 * anchor) and the database disagree. events_missing: fewer events than anchored (the newest
 * deleted, all deleted, a lost -wal); head_mismatch: the anchored event is not there any more
 * (a rewritten or recomputed chain); stamp_missing: the anchor's stamp was removed; stamp_invalid:
 * the stamp or its key cannot be read or does not verify; chain_broken: an event no longer matches
 * its hash or link; hub_chain_mismatch: at sign-in the hub's audit chain no longer held the event
 * this desktop had seen as its head (the hub's chain cut back or rewritten).
 */
export const integrityAlarmReasons = ['events_missing', 'head_mismatch', 'stamp_missing', 'stamp_invalid', 'chain_broken', 'hub_chain_mismatch'] as const;
export type IntegrityAlarmReason = (typeof integrityAlarmReasons)[number];

export const IntegrityAlarmView = z.object({
  reason: z.enum(integrityAlarmReasons),
  detectedAt: z.string(),
  /** Events the anchor knew of; null when it could not be read. */
  anchoredCount: z.int().min(0).nullable(),
  /** Events in the database when the alarm was raised. */
  eventCount: z.int().min(0),
  brokenAtSeq: z.int().nullable(),
});
export type IntegrityAlarmView = z.infer<typeof IntegrityAlarmView>;

export const IntegrityStatus = z.object({
  alarm: IntegrityAlarmView.nullable(),
  /** os_keychain: the stamp's key is sealed by the operating system; weak: it is not (no keyring). */
  anchor: z.enum(['os_keychain', 'weak']),
  /** A hub is configured: its chain is the anchor of record for what was synced. */
  hubConfigured: z.boolean(),
});
export type IntegrityStatus = z.infer<typeof IntegrityStatus>;

export const ACKNOWLEDGEMENT_NOTE_MAX_LENGTH = 500;

const overseers = ['supervisor', 'admin'] as const;

export const auditChannels = {
  auditList: defineChannel({
    input: AuditListInput,
    output: AuditPage,
    access: overseers,
    auditRefusals: true,
  }),
  auditVerify: defineChannel({ input: z.strictObject({}), output: AuditChainView, access: overseers, auditRefusals: true }),
  /** Whether the app is in its integrity-alarm state, and how strong its anchor is; every signed-in role sees the banner. */
  auditIntegrity: defineChannel({ input: Empty, output: IntegrityStatus, access: staff, auditRefusals: false }),
  /** An admin has looked into the alarm: recorded with the note, the anchor moves to the chain as it is now. */
  auditIntegrityAcknowledge: defineChannel({
    input: z.strictObject({ note: z.string().trim().min(1).max(ACKNOWLEDGEMENT_NOTE_MAX_LENGTH) }),
    output: IntegrityStatus,
    access: admins,
    auditRefusals: true,
  }),
} as const;
