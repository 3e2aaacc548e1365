import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { detectFeedFile, type FeedEntity, type FeedFileKind } from '@shared/feeds/feed-entities';
import type { RowProblem } from '@shared/feeds/row-problem';
import { batchRows as rowsOf, checkedBatches, type CheckedBatch } from './checked-batches';
import { FeedFileError, type FileProblem } from './feed-file-error';
import { readFeedRecords } from './feed-file-reader';
import { createRowWriter, type RowWriter } from './feed-row-writer';
import { isHashedEntity, type PackedRows } from './packed-row';
import { maxRowId, sourceIdsNotMatching } from './feed-write-repo';
import type { CheckedBatchSource } from './parse-thread';
import { addImportFileCounts, insertImportRejection, type FileCounts } from './feed-run-repo';

/**
 * Rows per transaction: a crash loses at most the batch in flight, never a half row. Each
 * commit syncs the WAL and may checkpoint, so 5,000 spent a tenth of an import committing;
 * much more would hold the main process's event loop for longer than a tenth of a second.
 */
const IMPORT_BATCH_ROWS = 10_000;

export interface ScannedFile {
  readonly path: string;
  readonly fileName: string;
  readonly kind: FeedFileKind | null;
  readonly rows: number;
  readonly problem: { code: FileProblem; line: number | null; detail: string } | null;
}

/** Checks a file's structure (name, UTF-8, header, cut-off end) and counts its rows, without writing. */
export async function scanFeedFile(path: string): Promise<ScannedFile> {
  const fileName = basename(path);
  const kind = detectFeedFile(fileName);
  if (!kind) return { path, fileName, kind, rows: 0, problem: { code: 'UNKNOWN_FILE', line: null, detail: 'not a feed file name' } };
  let rows = 0;
  try {
    for await (const records of readFeedRecords(path, kind, false)) rows += records.length;
  } catch (error) {
    if (!(error instanceof FeedFileError)) throw error;
    return { path, fileName, kind, rows, problem: { code: error.problem, line: error.line, detail: error.detail } };
  }
  return { path, fileName, kind, rows, problem: null };
}

export interface ImportFileOptions {
  readonly db: Database.Database;
  readonly runId: string;
  readonly position: number;
  readonly path: string;
  readonly kind: FeedFileKind;
  readonly now: Date;
  readonly batchRows?: number;
  /** Where the checked rows come from; this thread when not given (the service passes its parse thread). */
  readonly source?: CheckedBatchSource;
  /** After each committed batch, with the counts of that batch. */
  readonly onBatch?: (counts: FileCounts) => void;
  /** Asked between batches; true stops the file after what is committed. */
  readonly shouldStop?: () => boolean;
}

function emptyCounts(): FileCounts {
  return { rowsDone: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Imports one file: each row is validated, checked against the rows before it in the file
 * (duplicate key) and upserted by its source id; a bad row is recorded and skipped. Rows
 * are committed by batches, each with its counts, and the event loop runs between batches.
 */
export async function importFeedFile(options: ImportFileOptions): Promise<{ counts: FileCounts; stopped: boolean }> {
  const { db, runId, position, kind } = options;
  const batchRows = options.batchRows ?? IMPORT_BATCH_ROWS;
  const source = options.source ?? checkedBatches;
  const write = createRowWriter(db, kind.entity, options.now) as RowWriter<FeedEntity>;
  const total = emptyCounts();
  // Rows with a stored feed hash equal to theirs are unchanged and are not written; into a
  // table that was empty when the file began every row is new, and nothing is compared.
  const hashedTable = isHashedEntity(kind.entity) ? kind.entity : null;
  const compareHashes = hashedTable !== null && maxRowId(db, hashedTable) > 0;

  const reject = (counts: FileCounts, line: number, problem: RowProblem) => {
    counts.rejected += 1;
    insertImportRejection(db, runId, position, line, problem);
  };
  const commit = db.transaction((batch: CheckedBatch) => {
    const counts = emptyCounts();
    const { lines, problems, hashes } = batch;
    // The source ids of the rows to write; null: write every accepted row.
    const changed =
      compareHashes && hashedTable && batch.hashesJson !== null ? new Set(sourceIdsNotMatching(db, hashedTable, batch.hashesJson)) : null;
    // A batch whose every row is unchanged is counted without building its rows.
    const rows = changed === null || changed.size > 0 ? rowsOf(batch) : null;
    let nextProblem = 0;
    for (let index = 0; index < lines.length; index += 1) {
      counts.rowsDone += 1;
      const line = lines[index] as number;
      const problem = problems[nextProblem];
      if (problem !== undefined && problem.index === index) {
        nextProblem += 1;
        reject(counts, line, problem.problem);
        continue;
      }
      if (rows === null) {
        counts.unchanged += 1;
        continue;
      }
      const row = rows[index] as PackedRows[FeedEntity];
      if (changed !== null && !changed.has((row as unknown[])[0] as string)) {
        counts.unchanged += 1;
        continue;
      }
      const written = write(row, hashes ? (hashes[index] as number) : null);
      if (!written.ok) reject(counts, line, written.problem);
      else counts[written.outcome] += 1;
    }
    addImportFileCounts(db, runId, position, counts);
    return counts;
  });

  // Leaving the loop early (a stop, an error) ends the source, and with it a parse thread's work on the file.
  for await (const batch of source(options.path, kind, batchRows, compareHashes)) {
    const counts = commit.immediate(batch);
    for (const key of Object.keys(total) as Array<keyof FileCounts>) total[key] += counts[key];
    options.onBatch?.(counts);
    await yieldToEventLoop();
    if (options.shouldStop?.()) return { counts: total, stopped: true };
  }
  return { counts: total, stopped: false };
}
