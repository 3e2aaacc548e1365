import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { createCompactKeySet } from '@shared/feeds/compact-key-set';
import { detectFeedFile, type FeedFileKind } from '@shared/feeds/feed-entities';
import { feedKeyField, feedRowKey } from '@shared/feeds/feed-row-schemas';
import { checkFeedRow, type RowProblem } from '@shared/feeds/row-problem';
import { FeedFileError, type FileProblem } from './feed-file-error';
import { readFeedRecords, type FeedRecord } from './feed-file-reader';
import { createRowWriter } from './feed-row-writer';
import { addImportFileCounts, insertImportRejection, type FileCounts } from './feed-run-repo';

/**
 * Rows per transaction: a crash loses at most the batch in flight, never a half row. Each
 * commit syncs the WAL and may checkpoint, so 5,000 spent a tenth of an import committing;
 * much more would hold the main process's event loop for longer than a tenth of a second.
 */
export const IMPORT_BATCH_ROWS = 10_000;

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
  const write = createRowWriter(db, kind.entity, options.now);
  const keyField = feedKeyField(kind.entity);
  // Every key of the file so far: millions of them, so not a Set of strings.
  const seen = createCompactKeySet();
  const total = emptyCounts();

  const reject = (counts: FileCounts, line: number, problem: RowProblem) => {
    counts.rejected += 1;
    insertImportRejection(db, runId, position, line, problem);
  };
  const commit = db.transaction((batch: FeedRecord[]) => {
    const counts = emptyCounts();
    for (const record of batch) {
      counts.rowsDone += 1;
      if (record.notJson) {
        reject(counts, record.line, { field: '', reason: 'not_json', detail: 'the line is not JSON' });
        continue;
      }
      const checked = checkFeedRow(kind.entity, record.value);
      if (!checked.ok) {
        reject(counts, record.line, checked.problem);
        continue;
      }
      const key = feedRowKey(kind.entity, checked.row);
      if (!seen.add(key)) {
        reject(counts, record.line, { field: keyField, reason: 'duplicate_key', detail: `${key} appears earlier in the file` });
        continue;
      }
      const written = write(checked.row);
      if (!written.ok) reject(counts, record.line, written.problem);
      else counts[written.outcome] += 1;
    }
    addImportFileCounts(db, runId, position, counts);
    return counts;
  });

  const flush = async (batch: FeedRecord[]): Promise<boolean> => {
    const counts = commit.immediate(batch);
    for (const key of Object.keys(total) as Array<keyof FileCounts>) total[key] += counts[key];
    options.onBatch?.(counts);
    await yieldToEventLoop();
    return options.shouldStop?.() ?? false;
  };

  let batch: FeedRecord[] = [];
  for await (const records of readFeedRecords(options.path, kind)) {
    for (const record of records) {
      batch.push(record);
      if (batch.length >= batchRows) {
        const stop = await flush(batch);
        batch = [];
        if (stop) return { counts: total, stopped: true };
      }
    }
  }
  if (batch.length > 0) await flush(batch);
  return { counts: total, stopped: false };
}
