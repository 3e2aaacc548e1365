import { createHash } from 'node:crypto';
import type { AuditJson } from './audit-event';

/** JSON with object keys sorted at every depth, so equal values always serialise the same. */
export function canonicalJson(value: AuditJson): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as AuditJson)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  readonly id: string;
  readonly at: string;
  readonly operatorId: number | null;
  readonly action: string;
  readonly target: string;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
  readonly version: number;
  readonly prevHash: string;
}

/**
 * SHA-256 over every stored field of the event and the previous event's hash, as a JSON
 * array in a fixed order: changing, reordering or removing any event breaks every hash
 * after it. `seq` is left out on purpose: it is SQLite's rowid, not part of the meaning,
 * and a central store will number events its own way.
 */
export function auditEventHash(fields: HashedFields): string {
  const canonical = JSON.stringify([
    'ocd-audit-v1',
    fields.id,
    fields.at,
    fields.operatorId,
    fields.action,
    fields.target,
    fields.beforeJson,
    fields.afterJson,
    fields.version,
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
