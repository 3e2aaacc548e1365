import type Database from 'better-sqlite3';
import { claimScheduledCreditsForBatch } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';
import type { PostingRow } from '@shared/billing/posting-file';

/** One line of a posting file, as read for a batch (the shared format's row). */
export type { PostingRow } from '@shared/billing/posting-file';

export interface BatchRow {
  id: number;
  createdAt: string;
  creditCount: number;
  fileName: string;
  sha256: string;
}

const sql = {
  countReady: `SELECT (SELECT count(*) FROM credits WHERE exported_batch_id IS NULL AND status = 'scheduled')
    + (SELECT count(*) FROM credit_reversals WHERE exported_batch_id IS NULL) AS n`,
  insertBatch: `INSERT INTO export_batches (created_at, created_by, credit_count, file_name, sha256) VALUES (?, ?, ?, ?, '') RETURNING id`,
  setFile: `UPDATE export_batches SET file_name = ?, sha256 = ?, credit_count = ? WHERE id = ?`,
  // A batch's lines: its credits, and its reversal lines, which post the credit they take back negated.
  rowsOfBatch: `SELECT accountNumber, lineNumber, amountMinor, currency, source, overrideReason, outageSourceId,
      policyCode, policyVersion, idempotencyKey, billDate FROM (
    SELECT a.account_number AS accountNumber, l.number_e164 AS lineNumber, c.amount_minor AS amountMinor,
      c.currency, c.source,
      (SELECT r.reason_code FROM override_requests r WHERE r.credit_id = c.id ORDER BY r.id LIMIT 1) AS overrideReason,
      o.source_id AS outageSourceId, p.code AS policyCode, p.version AS policyVersion,
      c.idempotency_key AS idempotencyKey, c.bill_date AS billDate
    FROM credits c
    JOIN accounts a ON a.id = c.account_id
    LEFT JOIN lines l ON l.id = c.line_id
    JOIN outages o ON o.id = c.outage_id
    JOIN credit_policies p ON p.id = c.policy_id
    WHERE c.exported_batch_id = @batch
    UNION ALL
    SELECT a.account_number, l.number_e164, -x.amount_minor, x.currency, 'reversal', NULL,
      o.source_id, p.code, p.version, x.idempotency_key, NULL
    FROM credit_reversals x
    JOIN credits c ON c.id = x.credit_id
    JOIN accounts a ON a.id = c.account_id
    LEFT JOIN lines l ON l.id = c.line_id
    JOIN outages o ON o.id = c.outage_id
    JOIN credit_policies p ON p.id = c.policy_id
    WHERE x.exported_batch_id = @batch)
    ORDER BY accountNumber, coalesce(lineNumber, ''), outageSourceId, policyCode, idempotencyKey`,
  batch: `SELECT id, created_at AS createdAt, credit_count AS creditCount, file_name AS fileName, sha256 FROM export_batches WHERE id = ?`,
  batches: `SELECT id, created_at AS createdAt, credit_count AS creditCount, file_name AS fileName, sha256 FROM export_batches ORDER BY id DESC`,
  totals: `SELECT batchId, currency, sum(amountMinor) AS amountMinor FROM (
      SELECT exported_batch_id AS batchId, currency, amount_minor AS amountMinor FROM credits WHERE exported_batch_id IS NOT NULL
      UNION ALL
      SELECT exported_batch_id, currency, -amount_minor FROM credit_reversals WHERE exported_batch_id IS NOT NULL)
    GROUP BY batchId, currency ORDER BY batchId, currency`,
} as const;

export function countCreditsReadyToExport(db: Database.Database): number {
  return cachedStatement<[], { n: number }>(db, sql.countReady).get()?.n ?? 0;
}

/** Creates the batch row and moves every scheduled, unexported credit into it; returns the batch id and how many. */
export function claimCreditsForBatch(db: Database.Database, createdAt: string, createdBy: number | null): { id: number; count: number } {
  const { id } = cachedStatement<[string, number | null, number, string], { id: number }>(db, sql.insertBatch).get(
    createdAt,
    createdBy,
    1,
    `pending-${createdAt}`,
  ) as { id: number };
  const count = claimScheduledCreditsForBatch(db, id);
  return { id, count };
}

export function setBatchFile(db: Database.Database, id: number, fileName: string, sha256: string, count: number): void {
  cachedStatement(db, sql.setFile).run(fileName, sha256, count, id);
}

export function listPostingRows(db: Database.Database, batchId: number): IterableIterator<PostingRow> {
  return db.prepare<[{ batch: number }], PostingRow>(sql.rowsOfBatch).iterate({ batch: batchId });
}

export function findBatch(db: Database.Database, id: number): BatchRow | undefined {
  return cachedStatement<[number], BatchRow>(db, sql.batch).get(id);
}

export function listBatches(db: Database.Database): BatchRow[] {
  return cachedStatement<[], BatchRow>(db, sql.batches).all();
}

export function listBatchTotals(db: Database.Database): Array<{ batchId: number; currency: string; amountMinor: number }> {
  return cachedStatement<[], { batchId: number; currency: string; amountMinor: number }>(db, sql.totals).all();
}
