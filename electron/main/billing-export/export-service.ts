import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import type { Currency } from '@shared/domain/account';
import type { ExportBatch } from '@shared/ipc/export-channels';
import { claimCreditsForBatch, findBatch, listBatches, listBatchTotals, listPostingRows, setBatchFile, type BatchRow } from './export-repo';
import { buildPostingFile, postingFileName } from './posting-file';

/** Writes `content` to `dir/fileName` through a `.partial` file, so a reader never sees half a file. */
export function writeAtomically(dir: string, fileName: string, content: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, fileName);
  writeFileSync(`${path}.partial`, content, { mode: 0o600, flush: true });
  renameSync(`${path}.partial`, path);
  return path;
}

function toBatch(row: BatchRow, totals: ReadonlyArray<{ batchId: number; currency: string; amountMinor: number }>): ExportBatch {
  return {
    batchNumber: row.id,
    createdAt: row.createdAt,
    creditCount: row.creditCount,
    totals: totals.filter((t) => t.batchId === row.id).map((t) => ({ currency: t.currency as Currency, amountMinor: t.amountMinor })),
    fileName: row.fileName,
    sha256: row.sha256,
  };
}

class NothingToExport extends Error {}

export function listExportBatches(db: Database.Database): ExportBatch[] {
  const totals = listBatchTotals(db);
  return listBatches(db).map((row) => toBatch(row, totals));
}

/**
 * Puts every scheduled credit not yet exported into a new numbered batch, in one
 * transaction, and writes its posting file into `dir`. Null when there is nothing to export.
 * The batch is committed before the file is written: if writing fails, re-export it.
 */
export function createExportBatch(
  db: Database.Database,
  options: { now: Date; operatorId: number | null; dir: string },
): { batch: ExportBatch; path: string } | null {
  const claim = db.transaction(() => {
    const { id, count } = claimCreditsForBatch(db, options.now.toISOString(), options.operatorId);
    // Throwing rolls the batch row back: a batch without credits is never recorded.
    if (count === 0) throw new NothingToExport();
    const file = buildPostingFile(id, listPostingRows(db, id));
    setBatchFile(db, id, postingFileName(id), file.sha256, file.count);
    appendAudit(db, {
      operatorId: options.operatorId,
      action: 'billing_export.created',
      target: `export_batch:${id}`,
      before: null,
      after: { lines: file.count, sha256: file.sha256, fileName: postingFileName(id), totals: listBatchTotals(db).filter((t) => t.batchId === id).map(({ currency, amountMinor }) => ({ currency, amountMinor })) },
      at: options.now,
    });
    return { id, content: file.content };
  });
  let result: { id: number; content: string };
  try {
    result = claim.immediate();
  } catch (error) {
    if (error instanceof NothingToExport) return null;
    throw error;
  }
  const path = writeAtomically(options.dir, postingFileName(result.id), result.content);
  return { batch: toBatch(findBatch(db, result.id) as BatchRow, listBatchTotals(db)), path };
}


/**
 * Writes a batch's posting file again from the database. The content must hash to what was
 * recorded when the batch was made; otherwise 'CHANGED' (say, an account number was
 * changed by a later feed) and nothing is written.
 */
export function rewriteExportBatch(
  db: Database.Database,
  batchNumber: number,
  dir: string,
): { batch: ExportBatch; path: string } | 'NOT_FOUND' | 'CHANGED' {
  const row = findBatch(db, batchNumber);
  if (!row) return 'NOT_FOUND';
  const file = buildPostingFile(row.id, listPostingRows(db, row.id));
  if (file.sha256 !== row.sha256) return 'CHANGED';
  return { batch: toBatch(row, listBatchTotals(db)), path: writeAtomically(dir, row.fileName, file.content) };
}
