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
