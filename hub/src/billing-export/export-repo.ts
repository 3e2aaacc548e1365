import type { PostingRow } from '@shared/billing/posting-file';
import type { Tx } from '../db/transaction';
import type pg from 'pg';

type Db = pg.Pool | Tx;

/** A credit is ready for billing when it is scheduled and in no batch (the desktop's rule: export-repo.ts there). */
const READY_CREDIT = `c.exported_batch_id IS NULL AND c.status = 'scheduled'`;
/** A reversal is due when billing has the credit (it is in a batch), it was reversed since, and no batch took it back yet. */
const DUE_REVERSAL = `c.exported_batch_id IS NOT NULL AND c.status = 'reversed' AND NOT EXISTS (SELECT 1 FROM credit_reversals x WHERE x.credit_id = c.id)`;

// Batch creations run one at a time, from taking the number to the commit.
const EXPORT_LOCK = 7_242_012;

export interface BatchRow {
  id: number;
  createdAt: string;
  creditCount: number;
  fileName: string;
  sha256: string;
}

const BATCH_COLUMNS = `id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  credit_count AS "creditCount", file_name AS "fileName", sha256`;

export async function lockExports(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [EXPORT_LOCK]);
}

/** How many lines the next batch would hold. */
export async function countReadyToExport(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM credits c WHERE ${READY_CREDIT})::int + (SELECT count(*) FROM credits c WHERE ${DUE_REVERSAL})::int AS n`,
  );
  return rows[0]!.n;
}

/** The next batch number: one more than the last (under the export lock, so never taken twice, and never a gap). */
export async function insertBatch(
  tx: Tx,
  batch: { createdAt: Date; createdBy: number | null; fileName: (id: number) => string; requestId: string | null },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM export_batches');
  const id = rows[0]!.id;
  // credit_count and sha256 are set once the lines are in (setBatchFile), in the same transaction.
  await tx.query(
    `INSERT INTO export_batches (id, created_at, created_by, credit_count, file_name, sha256, client_request_id) OVERRIDING SYSTEM VALUE
     VALUES ($1, $2, $3, 1, $4, '', $5)`,
    [id, batch.createdAt, batch.createdBy, batch.fileName(id), batch.requestId],
  );
  return id;
}

/**
 * Moves every ready credit into batch `batchId`, writes the reversal of every exported credit
 * reversed since, and freezes the batch's posting lines, numbered in file order (the desktop's
 * order: account, line, outage, policy, key; bytewise, as SQLite compares). Returns how many lines.
 */
export async function claimIntoBatch(tx: Tx, batchId: number, now: Date): Promise<number> {
  // The sort of a million lines by five text keys stays in memory.
  await tx.query("SET LOCAL work_mem = '256MB'");
  // Row locks: a credit reversed at the same moment is either claimed (and reversed after,
  // so the next batch takes it back) or skipped (READ COMMITTED re-checks the status).
  await tx.query(`UPDATE credits c SET exported_batch_id = $1 WHERE ${READY_CREDIT}`, [batchId]);
  await tx.query(
    `INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at, exported_batch_id)
     SELECT c.id || '|reversal', c.id, c.amount_minor, c.currency, c.idempotency_key || '|reversal', $2, $1
     FROM credits c WHERE ${DUE_REVERSAL} AND c.exported_batch_id <> $1
     ORDER BY c.id FOR UPDATE OF c`,
    [batchId, now],
  );
  const { rowCount } = await tx.query(
    `INSERT INTO export_lines (batch_id, position, credit_id, kind, account_number, line_number, amount_minor, currency, source,
       override_reason, outage_source_id, policy_code, policy_version, idempotency_key, bill_date)
     SELECT $1, row_number() OVER (ORDER BY account_number COLLATE "C", coalesce(line_number, '') COLLATE "C",
         outage_source_id COLLATE "C", policy_code COLLATE "C", idempotency_key COLLATE "C"),
       credit_id, kind, account_number, line_number, amount_minor, currency, source, override_reason, outage_source_id,
       policy_code, policy_version, idempotency_key, bill_date
     FROM (
       SELECT c.id AS credit_id, 'credit' AS kind, a.account_number, l.number_e164 AS line_number, c.amount_minor::bigint AS amount_minor,
         c.currency, c.source, r.reason_code AS override_reason, coalesce(o.source_id, o.id::text) AS outage_source_id,
         coalesce(p.code, c.policy_code) AS policy_code,
         -- A credit without its policy's row (an override's): the version the outage runs, else the code's newest, else 1.
         coalesce(p.version,
           (SELECT max(q.version) FROM outage_policies op JOIN credit_policies q ON q.id = op.policy_id WHERE op.outage_id = c.outage_id AND q.code = c.policy_code),
           (SELECT max(q.version) FROM credit_policies q WHERE q.code = c.policy_code), 1) AS policy_version,
         c.idempotency_key, to_char(c.bill_date, 'YYYY-MM-DD') AS bill_date
       FROM credits c
       JOIN accounts a ON a.id = c.account_id
       LEFT JOIN lines l ON l.id = c.line_id
       JOIN outages o ON o.id = c.outage_id
       LEFT JOIN credit_policies p ON p.id = c.policy_id
       LEFT JOIN override_requests r ON r.id = c.override_request_id
       WHERE c.exported_batch_id = $1
       UNION ALL
       -- A reversal line posts the credit it takes back, negated, under the line's own key, as billing got it
       -- (the credit's frozen line: its account number or policy may have changed since).
       SELECT x.credit_id, 'reversal', e.account_number, e.line_number, -x.amount_minor::bigint, x.currency, 'reversal', NULL,
         e.outage_source_id, e.policy_code, e.policy_version, x.idempotency_key, NULL
       FROM credit_reversals x
       JOIN export_lines e ON e.credit_id = x.credit_id AND e.kind = 'credit'
       WHERE x.exported_batch_id = $1
     ) AS lines`,
    [batchId],
  );
  return rowCount ?? 0;
}

export async function setBatchFile(tx: Tx, batchId: number, count: number, sha256: string): Promise<void> {
  await tx.query('UPDATE export_batches SET credit_count = $2, sha256 = $3 WHERE id = $1', [batchId, count, sha256]);
}

/** A batch's frozen lines in file order, from line `fromLine`, at most `limit`. */
export async function listBatchLines(db: Db, batchId: number, fromLine = 1, limit: number | null = null): Promise<PostingRow[]> {
  const { rows } = await db.query<PostingRow>(
    `SELECT account_number AS "accountNumber", line_number AS "lineNumber", amount_minor::float8 AS "amountMinor", currency, source,
       override_reason AS "overrideReason", outage_source_id AS "outageSourceId", policy_code AS "policyCode",
       policy_version AS "policyVersion", idempotency_key AS "idempotencyKey", bill_date AS "billDate"
     FROM export_lines WHERE batch_id = $1 AND position >= $2 ORDER BY position LIMIT $3`,
    [batchId, fromLine, limit],
  );
  return rows;
}

export async function findBatch(db: Db, batchId: number): Promise<BatchRow | undefined> {
  const { rows } = await db.query<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM export_batches WHERE id = $1`, [batchId]);
  return rows[0];
}

/** The batch a desktop's export request `requestId` made, if it made one. */
export async function findBatchIdByRequest(db: Db, requestId: string): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM export_batches WHERE client_request_id = $1', [requestId]);
  return rows[0]?.id;
}

export async function listBatches(db: Db): Promise<BatchRow[]> {
  const { rows } = await db.query<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM export_batches ORDER BY id DESC`);
  return rows;
}

export interface BatchTotal {
  batchId: number;
  currency: string;
  amountMinor: number;
}

/** Sums the batch's frozen lines per currency into export_batch_totals (once, when the batch is made). */
export async function writeBatchTotals(tx: Tx, batchId: number): Promise<void> {
  await tx.query(
    `INSERT INTO export_batch_totals (batch_id, currency, amount_minor)
     SELECT batch_id, currency, sum(amount_minor) FROM export_lines WHERE batch_id = $1 GROUP BY batch_id, currency`,
    [batchId],
  );
}

/** Per batch and currency, the sum of its lines (reversal lines negative); all batches when `batchId` is null. */
export async function listBatchTotals(db: Db, batchId: number | null = null): Promise<BatchTotal[]> {
  const { rows } = await db.query<BatchTotal>(
    `SELECT batch_id AS "batchId", currency, amount_minor::float8 AS "amountMinor" FROM export_batch_totals
     WHERE $1::int IS NULL OR batch_id = $1 ORDER BY batch_id, currency`,
    [batchId],
  );
  return rows;
}
