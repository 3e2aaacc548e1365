import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/** An audit event's fields as they are hashed (and stored). */
export interface AuditFields {
  readonly seq: number;
  readonly at: string;
  readonly operatorId: number | null;
  readonly desktopId: string | null;
  readonly action: string;
  readonly target: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** The chain's first prev_hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prevHash + canonical JSON of the event): changing, dropping or reordering a row breaks every hash after it. */
export function auditHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256').update(prevHash + canonicalJson(fields), 'utf8').digest('hex');
}

/**
 * The canonical JSON of an event split around its seq, for a hash computed where the seq is
 * taken (in PostgreSQL, by `ocd_append_logs`): head + String(seq) + tail is exactly
 * canonicalJson(fields), so the chain reads and verifies as before.
 */
export function auditHashParts(fields: Omit<AuditFields, 'seq'>): { head: string; tail: string } {
  // Keys sort as action, after, at, before, desktopId, operatorId, seq, target: seq is second to last.
  const { target, ...beforeSeq } = fields;
  const head = `${canonicalJson(beforeSeq).slice(0, -1)},"seq":`;
  const tail = `,"target":${canonicalJson(target)}}`;
  return { head, tail };
}
