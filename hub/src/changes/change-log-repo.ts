import type { Change, ChangeEntity } from '@shared/hub/changes';
import type { Role } from '@shared/domain/operator';
import type { Tx } from '../db/transaction';
import { appendLogs, CHANGES_CHANNEL, type ChangeAudience, type NewChange } from '../logs/log-batch';

export { CHANGES_CHANNEL, type ChangeAudience, type NewChange };

/**
 * Appends one change inside the caller's transaction and returns its position, in one round
 * trip that takes the log lock, held to commit, so a larger position never commits before a
 * smaller one and a reader's cursor never passes a change still to commit. pg_notify is
 * delivered at commit only, and not at all on rollback.
 */
export async function appendChange(tx: Tx, change: NewChange): Promise<number> {
  return (await appendLogs(tx, [], [change])).positions[0]!;
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

/**
 * The latest entry of each of these override requests that `reader` may see (the same rule as
 * `readChanges`), in id order: what a desktop that cut its cache asks for back.
 */
export async function readLatestRequestChanges(tx: Tx, reader: Reader, ids: readonly string[]): Promise<Change[]> {
  const overseer = reader.role === 'supervisor' || reader.role === 'admin';
  const { rows } = await tx.query<{ position: number; entity: ChangeEntity; id: string; data: unknown }>(
    `SELECT DISTINCT ON (entity_id) position::int AS position, entity, entity_id AS id, data FROM change_log
     WHERE entity = 'override_request' AND entity_id = ANY($1::text[])
       AND ($2 OR audience = 'all' OR (audience = 'owner' AND owner_id = $3))
     ORDER BY entity_id, position DESC`,
    [ids, overseer, reader.operatorId],
  );
  return rows as Change[];
}
