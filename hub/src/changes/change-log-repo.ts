import type { Change, ChangeEntity } from '@shared/hub/changes';
import type { Role } from '@shared/domain/operator';
import { lockLogs, type Tx } from '../db/transaction';

/** Who may read a change: everyone, supervisors and admins, or one operator and the overseers. */
export type ChangeAudience = { kind: 'all' } | { kind: 'overseers' } | { kind: 'owner'; ownerId: number };

export interface NewChange {
  readonly entity: ChangeEntity;
  readonly entityId: string;
  readonly audience: ChangeAudience;
  readonly data: unknown;
}

/** Channel of the "the log moved" notification between hub processes; payload is the new head. */
export const CHANGES_CHANNEL = 'ocd_changes';

/**
 * Appends a change inside the caller's transaction and returns its position. The position is
 * taken under the log lock, held to commit, so a larger position never commits before a
 * smaller one and a reader's cursor never passes a change still to commit. pg_notify is
 * delivered at commit only, and not at all on rollback.
 */
export async function appendChange(tx: Tx, change: NewChange): Promise<number> {
  await lockLogs(tx);
  const { rows } = await tx.query<{ position: number }>(
    `INSERT INTO change_log (position, entity, entity_id, audience, owner_id, data)
     VALUES (nextval('change_position'), $1, $2, $3, $4, $5) RETURNING position::int AS position`,
    [change.entity, change.entityId, change.audience.kind, change.audience.kind === 'owner' ? change.audience.ownerId : null, JSON.stringify(change.data)],
  );
  const position = rows[0]!.position;
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(position)]);
  return position;
}

export async function readHead(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ head: number }>('SELECT coalesce(max(position), 0)::int AS head FROM change_log');
  return rows[0]!.head;
}

export interface Reader {
  readonly operatorId: number;
  readonly role: Role;
}

/**
 * Changes after `since` up to `head` that `reader` may see, in position order, at most `limit`.
 * Run it in the same snapshot that read `head`.
 */
export async function readChanges(tx: Tx, reader: Reader, since: number, head: number, limit: number): Promise<Change[]> {
  const overseer = reader.role === 'supervisor' || reader.role === 'admin';
  const { rows } = await tx.query<{ position: number; entity: ChangeEntity; id: string; data: unknown }>(
    `SELECT position::int AS position, entity, entity_id AS id, data FROM change_log
     WHERE position > $1 AND position <= $2
       AND ($3 OR audience = 'all' OR (audience = 'owner' AND owner_id = $4))
     ORDER BY position LIMIT $5`,
    [since, head, overseer, reader.operatorId, limit],
  );
  return rows as Change[];
}

/** The position of a request's latest change (what a replayed filing answers with). */
export async function latestRequestPosition(tx: Tx, requestId: string): Promise<number> {
  const { rows } = await tx.query<{ position: number | null }>(
    "SELECT max(position)::int AS position FROM change_log WHERE entity = 'override_request' AND entity_id = $1",
    [requestId],
  );
  return rows[0]?.position ?? 1;
}
