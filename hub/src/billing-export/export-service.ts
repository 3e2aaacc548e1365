import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Currency } from '@shared/domain/account';
import { POSTING_HEADER_RECORD, postingFileName, postingRecords, serialisePostingFile, type PostingRow } from '@shared/billing/posting-file';
import { EXPORT_FILE_PAGE_LINES, type HubExportBatch, type HubExportFile } from '@shared/hub/billing-export';
import { appendAudit } from '../audit/audit-repo';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import {
  claimIntoBatch,
  countReadyToExport,
  findBatch,
  findBatchIdByRequest,
  insertBatch,
  listBatches,
  listBatchLines,
  listBatchTotals,
  lockExports,
  setBatchFile,
  writeBatchTotals,
  type BatchRow,
  type BatchTotal,
} from './export-repo';

/** The posting file of a batch's frozen lines: the desktop's format, so the same lines give the same bytes on either side. */
export function postingFileOf(batchNumber: number, lines: Iterable<PostingRow>): { content: string; count: number; sha256: string } {
  const { content, count } = serialisePostingFile(batchNumber, lines);
  return { content, count, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}

function toBatch(row: BatchRow, totals: readonly BatchTotal[]): HubExportBatch {
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

/** The page of batch `batchNumber`'s file that starts at line `fromLine` of `total`: the header first on the first page. */
function page(batchNumber: number, lines: readonly PostingRow[], fromLine: number, total: number): { content: string; nextLine: number | null } {
  const records = postingRecords(batchNumber, lines).content;
  const next = fromLine + lines.length;
  return { content: fromLine === 1 ? POSTING_HEADER_RECORD + records : records, nextLine: next <= total ? next : null };
}

/** A page of batch N's file from its frozen lines; a whole file must hash to what was recorded when the batch was made. */
async function readFile(db: pg.Pool | Tx, batchNumber: number, fromLine: number, pageLines: number): Promise<HubExportFile> {
  const row = await findBatch(db, batchNumber);
  if (!row) throw new HubFailure('NOT_FOUND', { batchNumber });
  if (fromLine > row.creditCount) throw new HubFailure('INVALID_INPUT', { fromLine, lines: row.creditCount });
  const lines = await listBatchLines(db, row.id, fromLine, pageLines);
  const part = page(row.id, lines, fromLine, row.creditCount);
  // The lines cannot change (the hub's role may only insert them): a mismatch is damage, not a race.
  // A file of several pages is checked whole by whoever puts it together (the desktop does).
  if (fromLine === 1 && part.nextLine === null && postingFileOf(row.id, lines).sha256 !== row.sha256) {
    throw new HubFailure('CONFLICT', { reason: 'batch_content_changed', batchNumber });
  }
  return { batch: toBatch(row, await listBatchTotals(db, row.id)), ...part };
}

/**
 * Makes the next batch: every credit ready for billing and every reversal due, in one
 * transaction under the export lock (two admins at once make two batches one after the
 * other, never one credit in both). NOTHING_TO_EXPORT, with nothing written, when none is waiting.
 *
 * `requestId` (the desktop's name for this "Export") makes it idempotent: when a batch already
 * carries it (the request committed but its answer was lost), that batch's first page is the
 * answer, the same bytes as the first time, and nothing is written. Looked up under the lock,
 * so a retry that arrives while the first request is still running waits for it and gets its batch.
 */
export async function createExportBatch(pool: pg.Pool, caller: Caller, now: Date, requestId: string | null = null): Promise<HubExportFile> {
  try {
    return await inTransaction(pool, async (tx) => {
      await lockExports(tx);
      if (requestId !== null) {
        const made = await findBatchIdByRequest(tx, requestId);
        if (made !== undefined) return readFile(tx, made, 1, EXPORT_FILE_PAGE_LINES);
      }
      if ((await countReadyToExport(tx)) === 0) throw new NothingToExport();
      const id = await insertBatch(tx, { createdAt: now, createdBy: caller.operator.operatorId, fileName: postingFileName, requestId });
      const count = await claimIntoBatch(tx, id, now);
      // Reversed or claimed in between (the count is read before the row locks): roll the batch back.
      if (count === 0) throw new NothingToExport();
      const lines = await listBatchLines(tx, id);
      const file = postingFileOf(id, lines);
      await setBatchFile(tx, id, file.count, file.sha256);
      await writeBatchTotals(tx, id);
      const totals = await listBatchTotals(tx, id);
      await appendAudit(tx, {
        at: now,
        operatorId: caller.operator.operatorId,
        desktopId: caller.desktopId,
        action: 'billing_export.created',
        target: `export_batch:${id}`,
        before: null,
        after: { lines: file.count, sha256: file.sha256, fileName: postingFileName(id), totals: totals.map(({ currency, amountMinor }) => ({ currency, amountMinor })) },
      });
      return { batch: toBatch((await findBatch(tx, id))!, totals), ...page(id, lines.slice(0, EXPORT_FILE_PAGE_LINES), 1, file.count) };
    });
  } catch (error) {
    if (error instanceof NothingToExport) throw new HubFailure('NOTHING_TO_EXPORT');
    throw error;
  }
}

export async function listExportBatches(pool: pg.Pool): Promise<{ batches: HubExportBatch[]; readyToExport: number }> {
  return inTransaction(
    pool,
    async (tx) => {
      const totals = await listBatchTotals(tx);
      return { batches: (await listBatches(tx)).map((row) => toBatch(row, totals)), readyToExport: await countReadyToExport(tx) };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

/** The page of batch N's file from line `fromLine`; `pageLines` is the route's page size unless a test needs less. */
export async function readExportBatchFile(pool: pg.Pool, batchNumber: number, fromLine = 1, pageLines = EXPORT_FILE_PAGE_LINES): Promise<HubExportFile> {
  return inTransaction(pool, (tx) => readFile(tx, batchNumber, fromLine, pageLines), { isolation: 'REPEATABLE READ', readOnly: true });
}
