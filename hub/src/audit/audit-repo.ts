import type pg from 'pg';
import type { HubAuditEvent } from '@shared/hub/audit';
import type { HubAuditMark } from '@shared/hub/auth';
import type { Tx } from '../db/transaction';
import { appendLogs, type NewAuditEvent } from '../logs/log-batch';
import { auditHash, GENESIS_HASH, type AuditFields } from '../logs/audit-hash';

export type { NewAuditEvent };

/**
 * Appends one event to the chain inside the caller's transaction, in one round trip that
 * takes the log lock (held to commit), so two writers never chain onto the same row. A use
 * case that appends several events and changes gathers them in a LogBatch instead.
 */
export async function appendAudit(tx: Tx, event: NewAuditEvent): Promise<number> {
  return (await appendLogs(tx, [event], [])).auditSeqs[0]!;
}

interface AuditRow extends AuditFields {
  operator: string | null;
  prevHash: string;
  hash: string;
}

const SELECT_EVENTS = `SELECT e.seq::int AS seq, e.at, e.operator_id AS "operatorId", o.username AS operator,
    e.desktop_id AS "desktopId", e.action, e.target, e.before_json AS before, e.after_json AS after,
    e.prev_hash AS "prevHash", e.hash
  FROM audit_events e LEFT JOIN operators o ON o.id = e.operator_id`;

function toFields(row: AuditRow & { at: Date | string }): AuditRow {
  return { ...row, at: new Date(row.at).toISOString() };
}

/** The newest events first, `limit` of them, before `beforeSeq` when given. */
export async function listAudit(db: pg.Pool | Tx, query: { beforeSeq?: number | undefined; limit: number }): Promise<HubAuditEvent[]> {
  const { rows } = await db.query<AuditRow>(
    `${SELECT_EVENTS} WHERE ($1::bigint IS NULL OR e.seq < $1) ORDER BY e.seq DESC LIMIT $2`,
    [query.beforeSeq ?? null, query.limit],
  );
  return rows.map(toFields).map((row) => ({
    seq: row.seq,
    at: row.at,
    operator: row.operator,
    desktopId: row.desktopId,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    prevHash: row.prevHash,
    hash: row.hash,
  }));
}

/** The chain's newest event, and the event at `knownSeq` (each null when there is none): what a desktop witnesses. */
export async function readAuditMarks(db: pg.Pool | Tx, knownSeq: number | undefined): Promise<{ head: HubAuditMark | null; known: HubAuditMark | null }> {
  const head = await db.query<HubAuditMark>('SELECT seq::int AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const known = knownSeq === undefined ? null : await db.query<HubAuditMark>('SELECT seq::int AS seq, hash FROM audit_events WHERE seq = $1', [knownSeq]);
  return { head: head.rows[0] ?? null, known: known?.rows[0] ?? null };
}

export type ChainCheck = { ok: true; events: number } | { ok: false; brokenAtSeq: number };

/** Recomputes every hash from the first event on; the first row that does not match is reported. */
export async function verifyAuditChain(db: pg.Pool | Tx): Promise<ChainCheck> {
  const { rows } = await db.query<AuditRow>(`${SELECT_EVENTS} ORDER BY e.seq`);
  let prevHash = GENESIS_HASH;
  for (const row of rows.map(toFields)) {
    const fields: AuditFields = {
      seq: row.seq,
      at: row.at,
      operatorId: row.operatorId,
      desktopId: row.desktopId,
      action: row.action,
      target: row.target,
      before: row.before,
      after: row.after,
    };
    if (row.prevHash !== prevHash || row.hash !== auditHash(prevHash, fields)) return { ok: false, brokenAtSeq: row.seq };
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length };
}
