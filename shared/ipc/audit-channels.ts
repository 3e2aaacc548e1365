import { z } from 'zod';
import { admins, defineChannel, Empty, staff } from './define';

export const AuditEventView = z.object({
  seq: z.int(),
  id: z.string(),
  at: z.string(),
  operator: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

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
    input: z.strictObject({
      action: z.string().min(1).max(64).optional(),
      operator: z.string().min(1).max(64).optional(),
      target: z.string().min(1).max(120).optional(),
      beforeSeq: z.int().positive().optional(),
      limit: z.int().min(1).max(500).optional(),
    }),
    output: z.array(AuditEventView),
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
