import { z } from 'zod';
import { UtcInstant } from '../domain/outage';
import { DesktopId } from './auth';

/**
 * One event of the hub's audit chain. `hash` is SHA-256 over the event's fields and
 * `prevHash`, so changing, removing or reordering an event breaks every hash after it.
 */
export const HubAuditEvent = z.object({
  seq: z.int().positive(),
  at: UtcInstant,
  operator: z.string().nullable(),
  desktopId: DesktopId.nullable(),
  action: z.string(),
  target: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type HubAuditEvent = z.infer<typeof HubAuditEvent>;

export const AuditQuery = z.strictObject({
  beforeSeq: z.coerce.number().pipe(z.int().positive()).optional(),
  limit: z.coerce.number().pipe(z.int().min(1).max(500)).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
