import { z } from 'zod';
import { defineChannel } from './define';

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
} as const;
